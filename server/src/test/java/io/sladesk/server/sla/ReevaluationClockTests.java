package io.sladesk.server.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A re-evaluation request runs on the same clocks and timers as the ticket's own. */
class ReevaluationClockTests extends DeskTest {

    @Autowired
    TimerLoop timers;

    private List<JsonNode> reevaluationClock(Api who, String ticket) {
        return who.get("/api/v1/tickets/" + ticket + "/timeline").json().get("items").values().stream()
                .filter(n -> n.has("clock") && n.get("clock").asString().equals("reevaluation"))
                .filter(n -> n.get("type").asString().startsWith("clock."))
                .toList();
    }

    @Test
    void anUnansweredRequestWarnsAndBreachesOnceAndAnAnswerStopsItsClock() {
        Api customer = customer(organization());
        Api agent = agent();
        String ticket = ticket(customer, "P4");
        String base = "/api/v1/tickets/" + ticket + "/reevaluations";
        Api.Response r = customer.post(base, Map.of("requestedSeverity", "P1", "reason", "down"));
        assertThat(reevaluationClock(customer, ticket))
                .extracting(n -> n.get("type").asString())
                .containsExactly("clock.started");

        clock.advance(Duration.ofMinutes(46)); // P1 first response: 45 minutes
        timers.runUntilIdle();
        timers.runUntilIdle();
        assertThat(reevaluationClock(agent, ticket))
                .extracting(n -> n.get("type").asString())
                .containsExactly("clock.started", "clock.warned", "clock.breached");
        assertThat(agent.get("/api/v1/tickets/" + ticket)
                        .json()
                        .get("escalationLevel")
                        .asInt())
                .as("only the resolution clock escalates")
                .isZero();

        agent.post(base + "/" + r.get("id") + "/decision", Map.of("accept", false, "reason", "workaround exists"));
        assertThat(reevaluationClock(agent, ticket))
                .extracting(n -> n.get("type").asString())
                .containsExactly("clock.started", "clock.warned", "clock.breached", "clock.stopped");
    }

    @Test
    void anAnswerInTimeMeetsItAndANewRequestStartsAFreshClock() {
        Api customer = customer(organization());
        Api agent = agent();
        String ticket = ticket(customer, "P4");
        String base = "/api/v1/tickets/" + ticket + "/reevaluations";
        String first = customer.post(base, Map.of("requestedSeverity", "P3", "reason", "worse"))
                .get("id");
        clock.advance(Duration.ofMinutes(10));
        agent.post(base + "/" + first + "/decision", Map.of("accept", true, "reason", "agreed"));
        assertThat(reevaluationClock(agent, ticket))
                .extracting(n -> n.get("type").asString())
                .containsExactly("clock.started", "clock.met");
        Api.Response second = customer.post(base, Map.of("requestedSeverity", "P1", "reason", "much worse"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(reevaluationClock(agent, ticket))
                .extracting(n -> n.get("type").asString())
                .containsExactly("clock.started", "clock.met", "clock.started");
    }
}
