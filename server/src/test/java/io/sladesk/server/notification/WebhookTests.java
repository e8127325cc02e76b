package io.sladesk.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Role;
import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import io.sladesk.server.ticket.Tickets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real webhooks to a real HTTP receiver in the test. */
class WebhookTests extends DeskTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    io.sladesk.server.platform.Outbox outbox;

    @Autowired
    Tickets tickets;

    @Autowired
    TransactionTemplate tx;

    private HttpServer receiver;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    /** The statuses the receiver answers with, in turn; the last one repeats. */
    private volatile List<Integer> answers = List.of(200);

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger redirectedTo = new AtomicInteger();

    record Received(String eventId, String signature, String body) {}

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("Sladesk-Event-Id"),
                    exchange.getRequestHeaders().getFirst("Sladesk-Signature"),
                    body));
            int n = calls.getAndIncrement();
            int status = answers.get(Math.min(n, answers.size() - 1));
            if (status >= 300 && status < 400) {
                exchange.getResponseHeaders()
                        .add(
                                "Location",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/elsewhere");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.createContext("/elsewhere", exchange -> {
            redirectedTo.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        outbox.deliverDue("webhook"); // leave nothing of earlier tests pending
        received.clear();
        calls.set(0);
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        // this test's receiver is gone: stop sending to it
        for (JsonNode w : admin.get("/api/v1/webhooks").json().get("items").values()) {
            if (w.get("active").asBoolean())
                admin.delete("/api/v1/webhooks/" + w.get("id").asString());
        }
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private Api.Response register(List<String> events) {
        Api.Response r = admin.post("/api/v1/webhooks", Map.of("url", url(), "events", events));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r;
    }

    @Autowired
    io.sladesk.server.sla.TimerProbe timers;

    @Test
    void onlyALevelWhoseLadderSaysWebhookSendsItsEscalation() {
        Map<String, Object> perSeverity = Map.of(
                "firstResponse", Map.of("duration", "PT1H", "calendar", "24x7"),
                "resolution", Map.of("duration", "PT100S", "calendar", "24x7"));
        Api.Response policy = admin.post(
                "/api/v1/policies",
                Map.of(
                        "name", unique("ladder"),
                        "targets", Map.of("P1", perSeverity, "P2", perSeverity, "P3", perSeverity, "P4", perSeverity),
                        "escalation",
                                List.of(
                                        Map.of("level", 1, "afterBreach", "PT0S", "actions", List.of("raise_priority")),
                                        Map.of("level", 2, "afterBreach", "PT10S", "actions", List.of("webhook")),
                                        Map.of(
                                                "level",
                                                3,
                                                "afterBreach",
                                                "PT20S",
                                                "actions",
                                                List.of("notify_escalation_managers")))));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        Api.Response plan = admin.post("/api/v1/plans", Map.of("name", unique("ladder"), "policyId", policy.get("id")));
        String org = admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", plan.get("id")))
                .get("id");
        register(List.of("escalation.raised"));
        java.time.Instant t0 = clock.instant();
        String ticket = ticket(customer(org), "P3");

        clock.set(t0.plusSeconds(131)); // resolution due at +100 s: levels 1, 2 and 3 have all passed
        timers.runUntilIdle();
        assertThat(admin.get("/api/v1/tickets/" + ticket)
                        .json()
                        .get("escalationLevel")
                        .asInt())
                .isEqualTo(3);
        outbox.deliverDue("webhook");

        List<JsonNode> escalations = received.stream()
                .map(r -> JSON.readTree(r.body()))
                .filter(b -> b.get("ticket").get("id").asString().equals(ticket))
                .toList();
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0).get("type").asString()).isEqualTo("escalation.raised");
        assertThat(escalations.get(0).get("data").get("level").asInt()).isEqualTo(2);
    }

    @Test
    void aDeliveryCarriesTheEventAndAVerifiableSignature() {
        Api.Response hook = register(List.of("ticket.created"));
        String secret = hook.get("secret");
        assertThat(secret).startsWith("whsec_");
        String ticket = ticket(customer(organization()), "P2");
        assertThat(outbox.deliverDue("webhook")).isEqualTo(1);

        assertThat(received).hasSize(1);
        Received r = received.peek();
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("type").asString()).isEqualTo("ticket.created");
        assertThat(body.get("id").asString()).isEqualTo(r.eventId());
        assertThat(body.get("ticket").get("id").asString()).isEqualTo(ticket);
        assertThat(body.get("at").asString()).isNotBlank();
        // verify as a receiver would: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">
        String t = r.signature().replaceAll("^t=(\\d+),v1=[0-9a-f]{64}$", "$1");
        String v1 = r.signature().substring(r.signature().indexOf("v1=") + 3);
        assertThat(v1).isEqualTo(Signatures.hmac(secret, t + "." + r.body()));
        assertThat(Long.parseLong(t)).isEqualTo(clock.instant().getEpochSecond());
        // nothing more is sent: one delivery per event
        assertThat(outbox.deliverDue("webhook")).isZero();
        assertThat(received).hasSize(1);
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffAndListedWithItsAttempts() {
        answers = List.of(500, 200);
        Api.Response hook = register(List.of("*"));
        ticket(customer(organization()), "P3");
        outbox.deliverDue("webhook");
        assertThat(received).hasSize(1);
        outbox.deliverDue("webhook");
        assertThat(received).as("not before the backoff").hasSize(1);
        clock.advance(Duration.ofSeconds(10));
        outbox.deliverDue("webhook");
        assertThat(received).hasSize(2);
        List<Received> both = List.copyOf(received);
        assertThat(both.get(0).eventId()).isEqualTo(both.get(1).eventId());
        assertThat(both.get(0).body()).isEqualTo(both.get(1).body());

        JsonNode delivery = admin.get("/api/v1/webhooks/" + hook.get("id") + "/deliveries")
                .json()
                .get("items")
                .get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("delivered");
        assertThat(delivery.get("attempts").size()).isEqualTo(2);
        assertThat(delivery.get("attempts").get(0).get("status").asInt()).isEqualTo(500);
        assertThat(delivery.get("attempts").get(1).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void aReceiverThatKeepsFailingIsDeadLetteredAfterTheLimit() {
        answers = List.of(503);
        Api.Response hook = register(List.of("ticket.created"));
        ticket(customer(organization()), "P3");
        for (int i = 0; i < 12; i++) {
            outbox.deliverDue("webhook");
            clock.advance(Duration.ofHours(1));
        }
        assertThat(received).hasSize(8);
        JsonNode delivery = admin.get("/api/v1/webhooks/" + hook.get("id") + "/deliveries")
                .json()
                .get("items")
                .get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("dead");
        assertThat(delivery.get("attempts").size()).isEqualTo(8);
    }

    @Test
    void aServerThatDiesAfterClaimingIsReplacedWhenTheLeaseEnds() {
        register(List.of("ticket.created"));
        ticket(customer(organization()), "P4");
        assertThat(outbox.claim(20, "webhook")).hasSize(1); // claimed, then the server "dies" before sending
        assertThat(outbox.deliverDue("webhook")).isZero();
        clock.advance(Duration.ofSeconds(61));
        assertThat(outbox.deliverDue("webhook")).isEqualTo(1);
        assertThat(received).hasSize(1);
    }

    @Test
    void webhooksAreAdminOnlyAndValidated() {
        assertThat(agent().post("/api/v1/webhooks", Map.of("url", url(), "events", List.of("ticket.created")))
                        .status())
                .isEqualTo(403);
        Api.Response bad = admin.post("/api/v1/webhooks", Map.of("url", "ftp://x", "events", List.of("nope")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad, "errors", "field")).contains("url", "events[0]");
        assertThat(admin.get("/api/v1/webhooks/00000000-0000-0000-0000-000000000000/deliveries")
                        .status())
                .isEqualTo(404);
        Api.Response nullEvent = admin.send(
                "POST",
                "/api/v1/webhooks",
                "application/json",
                "{\"url\":\"http://x.example/y\",\"events\":[null]}",
                Map.of());
        assertThat(nullEvent.status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/webhooks", Map.of("url", "http://x.example:99999/y", "events", List.of("*")))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() {
        answers = List.of(302);
        Api.Response hook = register(List.of("ticket.created"));
        ticket(customer(organization()), "P3");
        assertThat(outbox.deliverDue("webhook")).isEqualTo(1);
        assertThat(received).hasSize(1);
        assertThat(redirectedTo.get()).as("the Location was not visited").isZero();
        JsonNode delivery = admin.get("/api/v1/webhooks/" + hook.get("id") + "/deliveries")
                .json()
                .get("items")
                .get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("pending");
        assertThat(delivery.get("attempts").get(0).get("status").asInt()).isEqualTo(302);
    }

    private Api.Response patch(Api as, String id, String json) {
        return as.send("PATCH", "/api/v1/webhooks/" + id, "application/json", json, Map.of());
    }

    @Test
    void aWebhookCanBeChangedInPartsAndSwitchedOffAndOn() {
        Api.Response hook = register(List.of("ticket.created"));
        String id = hook.get("id");
        Api.Response changed = patch(admin, id, "{\"events\":[\"status.changed\",\"clock.breached\"]}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("events").values().stream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("status.changed", "clock.breached");
        assertThat(changed.get("url")).as("what is not given stays").isEqualTo(url());
        assertThat(changed.get("secret"))
                .as("the secret is shown only at registration")
                .isNull();
        String moved = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?v=2";
        assertThat(patch(admin, id, "{\"url\":\"" + moved + "\",\"events\":[\"*\"]}")
                        .get("url"))
                .isEqualTo(moved);

        // switched off: what is pending is cancelled, and nothing new is written for it
        ticket(customer(organization()), "P3");
        assertThat(patch(admin, id, "{\"active\":false}").json().get("active").asBoolean())
                .isFalse();
        assertThat(outbox.deliverDue("webhook")).isZero();
        assertThat(admin.get("/api/v1/webhooks/" + id + "/deliveries")
                        .json()
                        .get("items")
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("cancelled");

        // on again: the next event is sent, to the new URL
        assertThat(patch(admin, id, "{\"active\":true}").json().get("active").asBoolean())
                .isTrue();
        ticket(customer(organization()), "P3");
        assertThat(outbox.deliverDue("webhook")).isEqualTo(1);
        assertThat(received).hasSize(1);
    }

    @Test
    void changesAreAdminOnlyAndValidatedLikeARegistration() {
        String id = register(List.of("ticket.created")).get("id");
        assertThat(patch(agent(), id, "{\"active\":false}").status()).isEqualTo(403);
        assertThat(patch(admin, "00000000-0000-0000-0000-000000000000", "{\"active\":false}")
                        .status())
                .isEqualTo(404);
        Api.Response bad = patch(admin, id, "{\"url\":\"http://user:pass@127.0.0.1/\",\"events\":[\"nope\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad, "errors", "field")).containsExactlyInAnyOrder("url", "events[0]");
        assertThat(patch(admin, id, "{\"events\":[]}").status()).isEqualTo(400);
        assertThat(patch(admin, id, "{\"url\":\"http://2130706433/\"}").status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/webhooks/" + id).get("url"))
                .as("nothing changed")
                .isEqualTo(url());
    }

    @Test
    void credentialsInTheUrlAreRefusedEvenWhereInsideAddressesAreAllowed() {
        Api.Response r = admin.post(
                "/api/v1/webhooks",
                Map.of(
                        "url",
                        "http://user:pass@127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        "events",
                        List.of("*")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r, "errors", "field")).containsExactly("url");
    }

    /**
     * A change whose transaction rolls back leaves no delivery behind: the delivery is
     * written in the change's transaction (seen there), and goes with it.
     */
    @Test
    void aRollBackSendsNothing() {
        register(List.of("*"));
        String org = organization();
        Api customer = customer(org);
        String ticket = ticket(customer, "P3");
        assertThat(outbox.deliverDue("webhook")).as("ticket.created").isEqualTo(1);
        received.clear();
        Actor actor = new Actor(UUID.fromString(userId(customer)), Role.CUSTOMER, UUID.fromString(org));

        tx.executeWithoutResult(status -> {
            tickets.post(actor, ticket, "never sent", "public");
            assertThat(pendingDeliveries(ticket))
                    .as("the message enqueued its delivery in this transaction")
                    .isEqualTo(1);
            status.setRollbackOnly();
        });

        assertThat(pendingDeliveries(ticket)).isZero();
        assertThat(customer.get("/api/v1/tickets/" + ticket + "/messages")
                        .json()
                        .get("items")
                        .size())
                .as("the message went with the transaction")
                .isZero();
        assertThat(outbox.deliverDue("webhook")).isZero();
        assertThat(received).isEmpty();
    }

    private long pendingDeliveries(String ticketId) {
        return db.sql(
                        "select count(*) from outbox where channel = 'webhook' and ticket_id = ?::uuid and status = 'pending'")
                .param(ticketId)
                .query(Long.class)
                .single();
    }
}
