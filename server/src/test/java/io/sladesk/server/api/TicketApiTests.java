package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TicketApiTests extends DeskTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aCustomerOpensATicketInTheirOrganizationAndReadsItBack() {
        String org = organization();
        Api customer = customer(org);
        Api.Response created = customer.post(
                "/api/v1/tickets", Map.of("subject", "Service down", "description", "Nothing loads", "severity", "P1"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/v1/tickets/" + created.get("id"));
        assertThat(created.get("status")).isEqualTo("new");
        assertThat(created.get("severity")).isEqualTo("P1");
        assertThat(created.get("organizationId")).isEqualTo(org);
        assertThat(created.get("requesterId")).isEqualTo(userId(customer));
        assertThat(created.get("channel"))
                .as("customers do not choose the channel")
                .isEqualTo("api");
        assertThat(created.get("createdAt")).isEqualTo(clock.instant().toString());
        assertThat(created.json().has("priority"))
                .as("customers don't see the internal priority")
                .isFalse();

        Api.Response read = customer.get("/api/v1/tickets/" + created.get("id"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.get("number")).isEqualTo(created.get("number"));
        Api.Response asAgent = agent().get("/api/v1/tickets/" + created.get("id"));
        assertThat(asAgent.get("priority")).isEqualTo("normal");
        assertThat(asAgent.json().get("escalationLevel").asInt()).isZero();
    }

    @Test
    void withoutASeverityATicketIsP4AndTextComesBackExactlyAsSent() {
        Api customer = customer(organization());
        String subject = "<script>alert('x')</script> '; DROP TABLE tickets; -- 請協助 🚀 \u00e9\u0301";
        String description = "line1\nline2\t\"quoted\" \\ backslash \r\n שלום rtl 𝄞";
        Api.Response created = customer.post("/api/v1/tickets", Map.of("subject", subject, "description", description));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.get("severity")).isEqualTo("P4");
        Api.Response read = customer.get("/api/v1/tickets/" + created.get("id"));
        assertThat(read.get("subject")).isEqualTo(subject);
        assertThat(read.get("description")).isEqualTo(description);
    }

    @Test
    void anAgentOpensATicketForANewCustomerByEmail() {
        String org = organization();
        Api agent = agent();
        String email = unique("someone") + "@client.example";
        Api.Response r = agent.post(
                "/api/v1/tickets",
                Map.of(
                        "subject",
                        "Phoned in",
                        "description",
                        "By phone",
                        "organizationId",
                        org,
                        "requesterEmail",
                        email));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.get("organizationId")).isEqualTo(org);
        Api.Response requester = agent.get("/api/v1/users/" + r.get("requesterId"));
        assertThat(requester.get("email")).isEqualTo(email);
        assertThat(requester.get("role")).isEqualTo("customer");
        assertThat(requester.get("organizationId")).isEqualTo(org);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstTicket() {
        String org = organization();
        Api customer = customer(org);
        Map<String, String> key = Map.of("Idempotency-Key", unique("key"));
        Map<String, Object> body = Map.of("subject", "Once", "description", "only once");

        Api.Response first = customer.post("/api/v1/tickets", body, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(replayed(first)).isFalse();
        assertThat(first.get("id")).isNotNull();

        // a retry, even with another body, answers the first ticket and creates nothing
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        Api.Response retry = customer.post("/api/v1/tickets", Map.of("subject", "Twice?", "description", "d"), key);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(replayed(retry)).isTrue();
        assertThat(retry.get("id")).isEqualTo(first.get("id"));
        assertThat(retry.get("subject")).isEqualTo("Once");
        assertThat(ticketsOf(org)).isEqualTo(1);

        // another user's identical key is theirs alone
        String otherOrg = organization();
        Api.Response other = customer(otherOrg).post("/api/v1/tickets", body, key);
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        assertThat(replayed(other)).isFalse();
        assertThat(other.get("id")).isNotNull().isNotEqualTo(first.get("id"));
        assertThat(ticketsOf(otherOrg)).isEqualTo(1);

        // 24 hours after the first request the key is forgotten
        clock.advance(Duration.ofSeconds(1));
        Api.Response later = customer.post("/api/v1/tickets", body, key);
        assertThat(later.status()).as(later.toString()).isEqualTo(201);
        assertThat(replayed(later)).isFalse();
        assertThat(later.get("id")).isNotNull().isNotEqualTo(first.get("id"));
        assertThat(ticketsOf(org)).isEqualTo(2);
    }

    /**
     * Four first attempts with one key, all in flight at once: the test holds the key's
     * lock (the advisory lock {@code Tickets.create} serialises a user's key on) in its own
     * transaction until all four wait for it, so none has decided before the others arrive.
     * Then exactly one creates the ticket and three answer it as replays.
     */
    @Test
    void concurrentFirstAttemptsWithOneIdempotencyKeyCreateOneTicket() throws Exception {
        String org = organization();
        Api customer = customer(org);
        String key = unique("key");
        Map<String, Object> body = Map.of("subject", "Once", "description", "only once");
        List<Api.Response> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock =
                    holder.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, userId(customer) + "/" + key);
                lock.execute();
            }
            List<Future<Api.Response>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                attempts.add(pool.submit(() -> customer.post("/api/v1/tickets", body, Map.of("Idempotency-Key", key))));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (waitingForAdvisoryLocks() < 4) {
                assertThat(attempts)
                        .as("an attempt finished while the key was held")
                        .noneMatch(Future::isDone);
                assertThat(System.nanoTime())
                        .as("the four attempts never all waited for the key's lock")
                        .isLessThan(deadline);
                Thread.sleep(10); // waiting for the requests to arrive, not for time to pass
            }
            holder.commit();
            for (Future<Api.Response> f : attempts) answers.add(f.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).extracting(Api.Response::status).containsOnly(201);
        assertThat(answers)
                .extracting(r -> r.get("id"))
                .doesNotContainNull()
                .containsOnly(answers.get(0).get("id"));
        assertThat(answers.stream().filter(r -> !replayed(r)).count())
                .as("exactly one attempt created the ticket")
                .isEqualTo(1);
        assertThat(ticketsOf(org)).isEqualTo(1);
    }

    private static boolean replayed(Api.Response r) {
        return r.raw()
                .headers()
                .firstValue("Idempotent-Replayed")
                .map("true"::equals)
                .orElse(false);
    }

    private long ticketsOf(String organizationId) {
        return db.sql("select count(*) from tickets where organization_id = ?::uuid")
                .param(organizationId)
                .query(Long.class)
                .single();
    }

    private long waitingForAdvisoryLocks() {
        return db.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                        + " and database = (select oid from pg_database where datname = current_database())")
                .query(Long.class)
                .single();
    }

    @Test
    void theConversationKeepsOrderAndHidesInternalNotesFromCustomers() {
        Api customer = customer(organization());
        Api agent = agent();
        String id = ticket(customer, "P2");

        assertThat(agent.post(
                                "/api/v1/tickets/" + id + "/messages",
                                Map.of("body", "checking logs", "visibility", "internal"))
                        .status())
                .isEqualTo(201);
        Api.Response ticket = agent.get("/api/v1/tickets/" + id);
        assertThat(ticket.get("status"))
                .as("an internal note does not open the ticket")
                .isEqualTo("new");
        agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "we are on it", "visibility", "public"));
        assertThat(agent.get("/api/v1/tickets/" + id).get("status")).isEqualTo("open");
        customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "thanks"));

        assertThat(fields(agent.get("/api/v1/tickets/" + id + "/messages"), "items", "body"))
                .containsExactly("checking logs", "we are on it", "thanks");
        assertThat(fields(customer.get("/api/v1/tickets/" + id + "/messages"), "items", "body"))
                .containsExactly("we are on it", "thanks");
        assertThat(fields(customer.get("/api/v1/tickets/" + id + "/messages"), "items", "visibility"))
                .containsOnly("public");
    }

    @Test
    void statusChangesFollowTheMachineAndEverythingElseIs409() {
        Api customer = customer(organization());
        Api agent = agent();
        String id = ticket(customer, "P3");
        String path = "/api/v1/tickets/" + id + "/status";

        assertThat(agent.post(path, Map.of("status", "pending")).get("status")).isEqualTo("pending");
        // a customer's message on a pending ticket moves it back to open
        customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "here are the logs"));
        assertThat(agent.get("/api/v1/tickets/" + id).get("status")).isEqualTo("open");
        assertThat(agent.post(path, Map.of("status", "on_hold")).status()).isEqualTo(200);
        assertThat(agent.post(path, Map.of("status", "new")).status()).isEqualTo(409);
        assertThat(agent.post(path, Map.of("status", "closed")).status()).isEqualTo(409);
        assertThat(customer.post(path, Map.of("status", "pending")).status()).isEqualTo(409);
        assertThat(customer.post(path, Map.of("status", "solved")).get("status"))
                .isEqualTo("solved");
        assertThat(agent.post(path, Map.of("status", "open")).status()).isEqualTo(409);
        // a customer's message reopens a solved ticket
        customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "it is back"));
        assertThat(agent.get("/api/v1/tickets/" + id).get("status")).isEqualTo("open");
        agent.post(path, Map.of("status", "solved"));
        assertThat(agent.post(path, Map.of("status", "closed")).get("status")).isEqualTo("closed");
        Api.Response again = agent.post(path, Map.of("status", "open"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "hello?"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void agentsAssignToAnAgentOrAGroupAndChangeSeverityWithAReason() {
        Api customer = customer(organization());
        Api agent = agent();
        String agentId = userId(agent);
        Api.Response group =
                admin.post("/api/v1/groups", Map.of("name", unique("tier2"), "memberIds", List.of(agentId)));
        assertThat(group.status()).isEqualTo(201);
        String id = ticket(customer, "P3");

        Api.Response assigned = agent.post(
                "/api/v1/tickets/" + id + "/assign", Map.of("assigneeId", agentId, "groupId", group.get("name")));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.get("assigneeId")).isEqualTo(agentId);
        assertThat(assigned.get("groupId")).isEqualTo(group.get("id"));
        assertThat(customer.post("/api/v1/tickets/" + id + "/assign", Map.of("assigneeId", agentId))
                        .status())
                .isEqualTo(403);
        assertThat(agent.post("/api/v1/tickets/" + id + "/assign", Map.of("assigneeId", userId(customer)))
                        .status())
                .isEqualTo(400);

        assertThat(agent.post("/api/v1/tickets/" + id + "/severity", Map.of("severity", "P1"))
                        .status())
                .as("a reason is required")
                .isEqualTo(400);
        Api.Response changed =
                agent.post("/api/v1/tickets/" + id + "/severity", Map.of("severity", "P1", "reason", "all users down"));
        assertThat(changed.get("severity")).isEqualTo("P1");
        assertThat(customer.post("/api/v1/tickets/" + id + "/severity", Map.of("severity", "P4", "reason", "x"))
                        .status())
                .isEqualTo(403);

        Api.Response timeline = agent.get("/api/v1/tickets/" + id + "/timeline");
        assertThat(ticketEvents(timeline)).containsExactly("ticket.created", "assigned", "severity.changed");
        assertThat(ticketEvents(customer.get("/api/v1/tickets/" + id + "/timeline")))
                .as("customers don't see assignments")
                .containsExactly("ticket.created", "severity.changed");
    }

    @Test
    void listsFilterAndPageWithACursor() {
        String org = organization();
        Api customer = customer(org);
        Api agent = agent();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            ids.add(ticket(customer, i % 2 == 0 ? "P2" : "P3"));
        }
        agent.post("/api/v1/tickets/" + ids.get(0) + "/status", Map.of("status", "pending"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = agent.get(
                    "/api/v1/tickets?organizationId=" + org + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(fields(page, "items", "id"));
            cursor = page.get("next");
        } while (cursor != null);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        assertThat(fields(agent.get("/api/v1/tickets?organizationId=" + org + "&severity=P2"), "items", "id"))
                .containsExactlyInAnyOrder(ids.get(0), ids.get(2), ids.get(4));
        assertThat(fields(agent.get("/api/v1/tickets?organizationId=" + org + "&status=pending"), "items", "id"))
                .containsExactly(ids.get(0));
        assertThat(fields(
                        agent.get("/api/v1/tickets?organizationId=" + org + "&status=new,pending&sort=due"),
                        "items",
                        "id"))
                .hasSize(5);
        assertThat(agent.get("/api/v1/tickets?status=lost").status()).isEqualTo(400);
        assertThat(agent.get("/api/v1/tickets?cursor=garbage!").status()).isEqualTo(400);
        assertThat(agent.get("/api/v1/tickets?limit=0").status()).isEqualTo(400);
        Api.Response last = agent.get("/api/v1/tickets?organizationId=" + org);
        assertThat(last.json().has("next")).isTrue();
        assertThat(last.json().get("next").isNull()).isTrue();
    }

    @Test
    void concurrentChangesToOneTicketAreAllKept() throws Exception {
        Api customer = customer(organization());
        Api agent = agent();
        String id = ticket(customer, "P2");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            Api who = i % 2 == 0 ? agent : customer;
            Map<String, Object> body = new HashMap<>(Map.of("body", "message " + n));
            if (who == agent) body.put("visibility", "public");
            work.add(() -> who.post("/api/v1/tickets/" + id + "/messages", body).status());
        }
        work.add(() -> agent.post("/api/v1/tickets/" + id + "/severity", Map.of("severity", "P1", "reason", "r"))
                .status());
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(work)) statuses.add(f.get());
        pool.shutdown();

        assertThat(statuses).containsOnly(201, 200);
        assertThat(agent.get("/api/v1/tickets/" + id + "/messages")
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(20);
        assertThat(agent.get("/api/v1/tickets/" + id).get("severity")).isEqualTo("P1");
        long publicEvents = fields(agent.get("/api/v1/tickets/" + id + "/timeline"), "items", "type").stream()
                .filter("message.public"::equals)
                .count();
        assertThat(publicEvents).isEqualTo(20);
    }

    @Test
    void onlyAdminsImportTicketsWithTheirOriginalCreationTime() {
        String org = organization();
        Api agent = agent();
        Map<String, Object> body = Map.of(
                "subject",
                "Old",
                "description",
                "from the old desk",
                "organizationId",
                org,
                "createdAt",
                "2026-03-02T15:00:00.250Z");
        assertThat(agent.post("/api/v1/tickets", body).status()).isEqualTo(403);
        Api.Response imported = admin.post("/api/v1/tickets", body);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.get("createdAt")).isEqualTo("2026-03-02T15:00:00.250Z");
        Map<String, Object> future = new HashMap<>(body);
        future.put("createdAt", clock.instant().plusSeconds(3600).toString());
        assertThat(admin.post("/api/v1/tickets", future).status()).isEqualTo(400);
    }

    /** The ticket's own entries of a timeline, without its clocks' entries. */
    private static List<String> ticketEvents(Api.Response timeline) {
        return fields(timeline, "items", "type").stream()
                .filter(t -> !t.startsWith("clock."))
                .toList();
    }
}
