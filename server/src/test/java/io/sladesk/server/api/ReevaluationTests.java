package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReevaluationTests extends DeskTest {

    private List<String> types(Api who, String ticket) {
        return who.get("/api/v1/tickets/" + ticket + "/timeline").json().get("items").values().stream()
                .map(n -> n.get("type").asString())
                .toList();
    }

    @Test
    void aCustomerAsksAnAgentSeesTheEffectAndAcceptingChangesTheSeverity() {
        Api customer = customer(organization());
        Api agent = agent();
        Instant created = clock.instant();
        String ticket = ticket(customer, "P4");
        clock.advance(Duration.ofMinutes(10));
        Instant asked = clock.instant();
        String base = "/api/v1/tickets/" + ticket + "/reevaluations";

        Api.Response r = customer.post(base, Map.of("requestedSeverity", "P1", "reason", "all our users are down"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.get("status")).isEqualTo("open");
        assertThat(r.get("fromSeverity")).isEqualTo("P4");
        assertThat(r.get("dueAt"))
                .as("its own target: P1's first response")
                .isEqualTo(asked.plus(Duration.ofMinutes(45)).toString());
        assertThat(customer.post(base, Map.of("requestedSeverity", "P2", "reason", "again"))
                        .status())
                .isEqualTo(409);
        assertThat(agent.post(base, Map.of("requestedSeverity", "P2", "reason", "x"))
                        .status())
                .isEqualTo(403);

        JsonNode seen = agent.get(base + "/" + r.get("id")).json();
        assertThat(seen.get("effect")
                        .get("accept")
                        .get("firstResponse")
                        .get("dueAt")
                        .asString())
                .isEqualTo(created.plus(Duration.ofMinutes(45)).toString());
        assertThat(seen.get("effect")
                        .get("decline")
                        .get("firstResponse")
                        .get("dueAt")
                        .asString())
                .isEqualTo(created.plus(Duration.ofHours(8)).toString());
        assertThat(customer.get(base + "/" + r.get("id")).json().has("effect")).isFalse();
        assertThat(customer.post(base + "/" + r.get("id") + "/decision", Map.of("accept", true, "reason", "me"))
                        .status())
                .isEqualTo(403);

        Api.Response decided = agent.post(
                base + "/" + r.get("id") + "/decision", Map.of("accept", true, "reason", "confirmed outage"));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.get("status")).isEqualTo("accepted");
        assertThat(decided.json().get("decision").get("accept").asBoolean()).isTrue();
        assertThat(decided.json().get("decision").get("reason").asString()).isEqualTo("confirmed outage");
        assertThat(customer.get("/api/v1/tickets/" + ticket).get("severity")).isEqualTo("P1");
        assertThat(types(customer, ticket))
                .containsSubsequence("reevaluation.requested", "reevaluation.decided", "severity.changed");
        assertThat(agent.post(base + "/" + r.get("id") + "/decision", Map.of("accept", false, "reason", "x"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void closingTheTicketWithdrawsAnOpenRequestAndALongReasonIsAccepted() {
        Api customer = customer(organization());
        Api agent = agent();
        String ticket = ticket(customer, "P3");
        String base = "/api/v1/tickets/" + ticket + "/reevaluations";
        String first = customer.post(base, Map.of("requestedSeverity", "P2", "reason", "slow"))
                .get("id");
        Api.Response accepted =
                agent.post(base + "/" + first + "/decision", Map.of("accept", true, "reason", "y".repeat(2000)));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        String second = customer.post(base, Map.of("requestedSeverity", "P1", "reason", "worse"))
                .get("id");
        agent.post("/api/v1/tickets/" + ticket + "/status", Map.of("status", "solved"));
        agent.post("/api/v1/tickets/" + ticket + "/status", Map.of("status", "closed"));
        assertThat(customer.get(base + "/" + second).get("status")).isEqualTo("withdrawn");
    }

    @Test
    void aDeclineKeepsTheSeverityAndTellsTheCustomerWhy() {
        Api customer = customer(organization());
        Api agent = agent();
        String ticket = ticket(customer, "P3");
        String base = "/api/v1/tickets/" + ticket + "/reevaluations";
        String id = customer.post(base, Map.of("requestedSeverity", "P2", "reason", "slow"))
                .get("id");
        assertThat(agent.post(base + "/" + id + "/decision", Map.of("accept", false))
                        .status())
                .as("a reason is required")
                .isEqualTo(400);
        agent.post(base + "/" + id + "/decision", Map.of("accept", false, "reason", "a workaround exists"));
        JsonNode mine = customer.get(base).json().get("items").get(0);
        assertThat(mine.get("status").asString()).isEqualTo("declined");
        assertThat(mine.get("decision").get("reason").asString()).isEqualTo("a workaround exists");
        assertThat(customer.get("/api/v1/tickets/" + ticket).get("severity")).isEqualTo("P3");
    }

    @Test
    void requestsAreValidatedWithdrawableAndInvisibleToOtherOrganizations() {
        Api customer = customer(organization());
        Api stranger = customer(organization());
        String ticket = ticket(customer, "P3");
        String base = "/api/v1/tickets/" + ticket + "/reevaluations";
        assertThat(customer.post(base, Map.of("requestedSeverity", "P3", "reason", "same"))
                        .status())
                .isEqualTo(400);
        assertThat(customer.post(base, Map.of("requestedSeverity", "P0", "reason", "x"))
                        .status())
                .isEqualTo(400);
        assertThat(customer.post(base, Map.of("requestedSeverity", "P2")).status())
                .isEqualTo(400);
        assertThat(stranger.post(base, Map.of("requestedSeverity", "P2", "reason", "x"))
                        .status())
                .isEqualTo(404);
        String id = customer.post(base, Map.of("requestedSeverity", "P2", "reason", "x"))
                .get("id");
        assertThat(stranger.get(base + "/" + id).status()).isEqualTo(404);
        assertThat(customer.post(base + "/" + id + "/withdraw", Map.of()).get("status"))
                .isEqualTo("withdrawn");
        assertThat(customer.get("/api/v1/tickets/" + ticket + "/timeline").json().get("items").values().stream()
                        .filter(n -> n.get("type").asString().startsWith("reevaluation."))
                        .map(n -> n.get("clock").asString())
                        .toList())
                .containsOnly("reevaluation")
                .isNotEmpty();
        assertThat(customer.post(base, Map.of("requestedSeverity", "P1", "reason", "worse now"))
                        .status())
                .as("a new request after withdrawing")
                .isEqualTo(201);
    }
}
