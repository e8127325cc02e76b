package io.sladesk.server.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Warnings, breaches and escalations fired by the timer loop, driven by hand with a test clock. */
class TimerTests extends DeskTest {

    @Autowired
    TimerLoop timers;

    /** A Pro-like policy with targets of seconds, so the ladder is easy to reason about. */
    private String quickOrganization(String grace) {
        Map<String, Object> fr = Map.of("duration", "PT40S", "calendar", "24x7");
        Map<String, Object> res = Map.of("duration", "PT100S", "calendar", "24x7");
        Map<String, Object> perSeverity = Map.of("firstResponse", fr, "resolution", res);
        Api.Response policy = admin.post(
                "/api/v1/policies",
                Map.of(
                        "name", unique("quick"),
                        "targets", Map.of("P1", perSeverity, "P2", perSeverity, "P3", perSeverity, "P4", perSeverity),
                        "warningShare", 0.5,
                        "upgradeGrace", grace,
                        "escalation",
                                List.of(
                                        Map.of(
                                                "level",
                                                1,
                                                "afterBreach",
                                                "PT0S",
                                                "actions",
                                                List.of(
                                                        "raise_priority",
                                                        "notify_assignee",
                                                        "notify_escalation_managers",
                                                        "notify_tam")),
                                        Map.of(
                                                "level",
                                                2,
                                                "afterBreachShare",
                                                0.5,
                                                "actions",
                                                List.of("raise_priority", "webhook")))));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        Api.Response plan = admin.post("/api/v1/plans", Map.of("name", unique("Quick"), "policyId", policy.get("id")));
        Api.Response org = admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", plan.get("id")));
        assertThat(org.status()).as(org.toString()).isEqualTo(201);
        return org.get("id");
    }

    private List<JsonNode> timeline(Api who, String id) {
        return who.get("/api/v1/tickets/" + id + "/timeline").json().get("items").values().stream()
                .toList();
    }

    private long count(List<JsonNode> items, String type, String clock) {
        return items.stream()
                .filter(n -> n.get("type").asString().equals(type))
                .filter(n -> clock == null
                        || (n.has("clock") && n.get("clock").asString().equals(clock)))
                .count();
    }

    @Test
    void theLadderFiresWarningBreachAndEachLevelExactlyOnceAtTheirInstants() {
        String org = quickOrganization("PT0S");
        Api customer = customer(org);
        Api agent = agent();
        Instant t0 = clock.instant();
        String id = ticket(customer, "P2");
        agent.post("/api/v1/tickets/" + id + "/assign", Map.of("assigneeId", userId(agent)));

        clock.set(t0.plusSeconds(20)); // first response 50 % used: the warning fires exactly then
        timers.runUntilIdle();
        assertThat(count(timeline(agent, id), "clock.warned", "first_response")).isEqualTo(1);
        assertThat(count(timeline(agent, id), "clock.breached", null)).isZero();

        clock.set(t0.plusSeconds(40)); // due, not past: nothing yet
        timers.runUntilIdle();
        assertThat(count(timeline(agent, id), "clock.breached", null)).isZero();

        clock.set(t0.plusSeconds(40).plusMillis(1));
        timers.runUntilIdle();
        JsonNode fr = agent.get("/api/v1/tickets/" + id).json().get("sla").get("firstResponse");
        assertThat(fr.get("breachedAt").asString())
                .isEqualTo(t0.plusSeconds(40).plusMillis(1).toString());

        clock.set(t0.plusSeconds(101)); // resolution breached: level 1 at once
        timers.runUntilIdle();
        Api.Response ticket = agent.get("/api/v1/tickets/" + id);
        assertThat(ticket.json().get("escalationLevel").asInt()).isEqualTo(1);
        assertThat(ticket.get("priority")).isEqualTo("high");

        clock.set(t0.plusSeconds(150).plusMillis(1)); // level 2 at +50 % of 100 s
        timers.runUntilIdle();
        timers.runUntilIdle();
        ticket = agent.get("/api/v1/tickets/" + id);
        assertThat(ticket.json().get("escalationLevel").asInt()).isEqualTo(2);
        assertThat(ticket.get("priority")).isEqualTo("urgent");

        List<JsonNode> items = timeline(agent, id);
        assertThat(count(items, "clock.warned", "first_response")).isEqualTo(1);
        assertThat(count(items, "clock.warned", "resolution")).isEqualTo(1);
        assertThat(count(items, "clock.breached", "first_response")).isEqualTo(1);
        assertThat(count(items, "clock.breached", "resolution")).isEqualTo(1);
        assertThat(count(items, "escalation.raised", null)).isEqualTo(2);
        assertThat(count(timeline(customer, id), "escalation.raised", null))
                .as("escalations are internal")
                .isZero();
        assertThat(db.sql("select count(*) from sla_timers where ticket_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .as("nothing left to fire")
                .isZero();
        assertThat(db.sql("select count(*) from outbox where channel = 'mail' and type = 'escalated'"
                                + " and ticket_id = ?::uuid and destination = ?")
                        .params(id, agent.get("/api/v1/me").get("email"))
                        .query(Long.class)
                        .single())
                .as("level 1 tells the assignee, once; level 2 tells no one")
                .isEqualTo(1);
        assertThat(db.sql("select count(*) from outbox where ticket_id = ?::uuid and event_key like 'escalated:%:2'")
                        .param(id)
                        .query(Long.class)
                        .single())
                .as("level 2's only action is the webhook, and no webhook is registered here")
                .isZero();
    }

    @Test
    void escalatedTicketsComeFirstInTheQueue() {
        String org = quickOrganization("PT0S");
        Api customer = customer(org);
        Api agent = agent();
        Instant t0 = clock.instant();
        String escalated = ticket(customer, "P4");
        clock.set(t0.plusSeconds(30));
        String later = ticket(customer, "P1");
        clock.set(t0.plusSeconds(100).plusMillis(1));
        timers.runUntilIdle();
        List<String> queue = fields(agent.get("/api/v1/tickets?sort=due&organizationId=" + org), "items", "id");
        assertThat(queue).containsExactly(escalated, later);
        assertThat(fields(agent.get("/api/v1/tickets?organizationId=" + org), "items", "id"))
                .as("the plain list stays newest first")
                .containsExactly(later, escalated);
    }

    @Test
    void aServerThatWasDownCatchesUpWithEveryLevelAtItsTrueInstant() {
        String org = quickOrganization("PT0S");
        Api customer = customer(org);
        Api agent = agent();
        Instant t0 = clock.instant();
        String id = ticket(customer, "P3");
        clock.set(t0.plus(Duration.ofHours(3))); // nobody ran the loop meanwhile
        Instant caughtUp = clock.instant();
        timers.runUntilIdle();

        JsonNode res = agent.get("/api/v1/tickets/" + id).json().get("sla").get("resolution");
        assertThat(res.get("dueAt").asString()).isEqualTo(t0.plusSeconds(100).toString());
        assertThat(res.get("breachedAt").asString()).isEqualTo(caughtUp.toString());
        List<JsonNode> items = timeline(agent, id);
        JsonNode breach = items.stream()
                .filter(n -> n.get("type").asString().equals("clock.breached")
                        && n.get("clock").asString().equals("resolution"))
                .findFirst()
                .orElseThrow();
        assertThat(breach.get("data").get("dueAt").asString())
                .isEqualTo(t0.plusSeconds(100).toString());
        List<JsonNode> levels = items.stream()
                .filter(n -> n.get("type").asString().equals("escalation.raised"))
                .toList();
        assertThat(levels).hasSize(2);
        assertThat(levels.get(0).get("level").asInt()).isEqualTo(1);
        assertThat(levels.get(0).get("data").get("dueAt").asString())
                .isEqualTo(t0.plusSeconds(100).toString());
        assertThat(levels.get(1).get("data").get("level").asInt()).isEqualTo(2);
        assertThat(levels.get(1).get("data").get("dueAt").asString())
                .isEqualTo(t0.plusSeconds(150).toString());
        assertThat(count(items, "clock.warned", "resolution"))
                .as("a warning still fires once, late, rather than being lost")
                .isEqualTo(1);
    }

    @Test
    void pausingRemovesTheTimersAndResumingPlansThemAgain() {
        String org = quickOrganization("PT0S");
        Api customer = customer(org);
        Api agent = agent();
        Instant t0 = clock.instant();
        String id = ticket(customer, "P3");
        agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "hi"));
        agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "pending"));
        assertThat(db.sql("select count(*) from sla_timers where ticket_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
        clock.set(t0.plus(Duration.ofHours(1)));
        timers.runUntilIdle();
        assertThat(count(timeline(agent, id), "clock.breached", null)).isZero();
        customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "back"));
        assertThat(db.sql("select min(fire_at) from sla_timers where ticket_id = ?::uuid and kind = 'breach'")
                        .param(id)
                        .query(java.sql.Timestamp.class)
                        .single()
                        .toInstant())
                .isEqualTo(t0.plus(Duration.ofHours(1)).plusSeconds(100).plusMillis(1));
    }

    /**
     * A solve and the breach timer racing at the due instant: whichever takes the ticket's
     * lock first wins, and the record agrees: met if and only if stopped at or before the
     * due instant, never met and breached.
     */
    @Test
    void aSolveRacingTheBreachIsNeverBothMetAndBreached() throws Exception {
        String org = quickOrganization("PT0S");
        Api customer = customer(org);
        Api agent = agent();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            Instant t0 = clock.instant();
            String id = ticket(customer, "P2");
            ids.add(id);
            // at the due instant exactly, then one millisecond after it
            clock.set(t0.plusSeconds(100).plusMillis(round % 2));
            List<Callable<Object>> race = List.of(
                    () -> agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "solved")),
                    () -> timers.runUntilIdle());
            for (Future<Object> f : pool.invokeAll(race)) f.get();
            clock.advance(Duration.ofSeconds(1));
        }
        pool.shutdown();
        for (String id : ids) {
            Map<String, Object> row = db.sql("select met, stopped_at, due_at, breached_at from sla_clocks"
                            + " where ticket_id = ?::uuid and metric = 'resolution'")
                    .param(id)
                    .query()
                    .singleRow();
            boolean met = (Boolean) row.get("met");
            Instant stopped = ((java.sql.Timestamp) row.get("stopped_at")).toInstant();
            Instant due = ((java.sql.Timestamp) row.get("due_at")).toInstant();
            assertThat(met).as(id).isEqualTo(!stopped.isAfter(due));
            assertThat(met && row.get("breached_at") != null)
                    .as("met and breached: " + id)
                    .isFalse();
            assertThat(count(timeline(agent, id), "clock.breached", "resolution"))
                    .isLessThanOrEqualTo(1);
        }
    }
}
