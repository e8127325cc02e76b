package io.sladesk.server.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Role;
import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import io.sladesk.server.ticket.Tickets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Warnings, breaches and escalations fired by the timer loop, driven by hand with a test clock. */
class TimerTests extends DeskTest {

    @Autowired
    TimerLoop timers;

    @Autowired
    TimerProbe probe;

    @Autowired
    Tickets tickets;

    @Autowired
    TransactionTemplate tx;

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
        agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "hi", "visibility", "public"));
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

    /** A ticket of the quick policy, opened once nothing else is due: its resolution is due 100 s later. */
    private String racingTicket(Api customer) {
        timers.runUntilIdle(); // leave nothing of earlier tests due
        return ticket(customer, "P2");
    }

    private Map<String, Object> resolution(String id) {
        return db.sql("select met, stopped_at, due_at, breached_at from sla_clocks"
                        + " where ticket_id = ?::uuid and metric = 'resolution'")
                .param(id)
                .query()
                .singleRow();
    }

    private static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((java.sql.Timestamp) timestamp).toInstant();
    }

    /** Backends of this database (other than the asker) waiting for a lock another transaction holds. */
    private long waitingForLocks() {
        return db.sql("select count(*) from pg_stat_activity where datname = current_database()"
                        + " and wait_event_type = 'Lock' and pid <> pg_backend_pid()")
                .query(Long.class)
                .single();
    }

    /**
     * The breach timer takes the ticket first: its batch is stopped inside its transaction,
     * holding the ticket, until the solve sent meanwhile is seen waiting for that lock.
     * Returns the solve's answer once both are done.
     */
    private Api.Response timerFirstThenSolve(Api agent, String id, Instant timerAt, Instant solveAt) throws Exception {
        clock.set(timerAt);
        TimerProbe.Hold hold = probe.holdAt(UUID.fromString(id));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> timer = pool.submit(() -> timers.runUntilIdle());
            assertThat(hold.reached(20)).as("the timer loop took the ticket").isTrue();
            clock.set(solveAt); // the batch read its instant already
            Future<Api.Response> solve =
                    pool.submit(() -> agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "solved")));
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (waitingForLocks() == 0) {
                assertThat(solve.isDone())
                        .as("the solve did not wait for the timer's lock")
                        .isFalse();
                assertThat(System.nanoTime())
                        .as("the solve never waited for the ticket")
                        .isLessThan(deadline);
                Thread.sleep(5); // waiting for the request to arrive, not for time to pass
            }
            assertThat(solve.isDone()).isFalse();
            hold.release();
            timer.get(20, TimeUnit.SECONDS);
            return solve.get(20, TimeUnit.SECONDS);
        } finally {
            hold.release();
            pool.shutdownNow();
        }
    }

    /** The timer fires the first response's breach at the due instant; the solve waiting for it is met. */
    @Test
    void aSolveAtTheDueInstantWaitingForTheTimerIsMet() throws Exception {
        Api customer = customer(quickOrganization("PT0S"));
        Api agent = agent();
        Instant t0 = clock.instant();
        String id = racingTicket(customer);
        Instant due = t0.plusSeconds(100);

        Api.Response solved = timerFirstThenSolve(agent, id, due, due);

        assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
        assertThat(solved.get("status")).isEqualTo("solved");
        Map<String, Object> row = resolution(id);
        assertThat(row.get("met")).isEqualTo(true);
        assertThat(instant(row.get("stopped_at"))).isEqualTo(due);
        assertThat(row.get("breached_at")).isNull();
        List<JsonNode> items = timeline(agent, id);
        assertThat(count(items, "clock.breached", "resolution")).isZero();
        assertThat(count(items, "clock.met", "resolution")).isEqualTo(1);
        assertThat(count(items, "clock.breached", "first_response"))
                .as("the timer's batch did fire (the first response, due at 40 s)")
                .isEqualTo(1);
    }

    /** The timer records the breach first; the solve that waited for it stops the clock late, once. */
    @Test
    void aSolveWaitingForTheBreachTimerStopsLateWithTheTimersBreach() throws Exception {
        Api customer = customer(quickOrganization("PT0S"));
        Api agent = agent();
        Instant t0 = clock.instant();
        String id = racingTicket(customer);
        Instant due = t0.plusSeconds(100);
        Instant timerAt = due.plusMillis(1);
        Instant solveAt = timerAt.plusSeconds(1);

        Api.Response solved = timerFirstThenSolve(agent, id, timerAt, solveAt);

        assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
        Map<String, Object> row = resolution(id);
        assertThat(row.get("met")).isEqualTo(false);
        assertThat(instant(row.get("breached_at"))).as("the timer's breach").isEqualTo(timerAt);
        assertThat(instant(row.get("stopped_at"))).isEqualTo(solveAt);
        List<JsonNode> items = timeline(agent, id);
        assertThat(count(items, "clock.breached", "resolution")).isEqualTo(1);
        assertThat(count(items, "clock.stopped", "resolution")).isEqualTo(1);
        assertThat(count(items, "clock.met", null)).isZero();
    }

    /**
     * The solve takes the ticket first, past the due instant: while its transaction holds
     * the ticket, a timer batch runs and skips it; the solve records the one breach, and
     * no timer is left to fire another.
     */
    @Test
    void aBreachTimerRacingASolveThatHoldsTheTicketSkipsItAndTheSolveRecordsTheOneBreach() throws Exception {
        Api customer = customer(quickOrganization("PT0S"));
        Api agent = agent();
        Actor agentActor = new Actor(UUID.fromString(userId(agent)), Role.AGENT, null);
        Instant t0 = clock.instant();
        String id = racingTicket(customer);
        Instant late = t0.plusSeconds(100).plusMillis(1);
        clock.set(late);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            tx.executeWithoutResult(status -> {
                tickets.changeStatus(agentActor, id, "solved");
                // the solve's transaction holds the ticket: a batch now, on another connection
                try {
                    pool.submit(() -> timers.runUntilIdle()).get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                assertThat(probe.hasFired(UUID.fromString(id)))
                        .as("the timer skipped the locked ticket")
                        .isFalse();
            });
        } finally {
            pool.shutdownNow();
        }
        timers.runUntilIdle();
        assertThat(probe.hasFired(UUID.fromString(id)))
                .as("nothing was left to fire")
                .isFalse();
        assertThat(db.sql("select count(*) from sla_timers where ticket_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
        Map<String, Object> row = resolution(id);
        assertThat(row.get("met")).isEqualTo(false);
        assertThat(instant(row.get("stopped_at"))).isEqualTo(late);
        assertThat(instant(row.get("breached_at"))).isEqualTo(late);
        List<JsonNode> items = timeline(agent, id);
        assertThat(count(items, "clock.breached", "resolution")).isEqualTo(1);
        assertThat(count(items, "clock.breached", "first_response")).isEqualTo(1);
        assertThat(agent.get("/api/v1/tickets/" + id).get("status")).isEqualTo("solved");
    }
}
