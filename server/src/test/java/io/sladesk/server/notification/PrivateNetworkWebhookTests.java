package io.sladesk.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks as a deployment has them by default: no receiver inside the desk's network. Its
 * own context (closed after it, with a small pool), since the other tests allow private
 * networks for their receivers on 127.0.0.1. Nothing here is ever sent outside this machine:
 * the only address accepted is a documentation one (203.0.113.0/24), switched off at once.
 */
@TestPropertySource(
        properties = {"sladesk.webhooks.allow-private-networks=false", "spring.datasource.hikari.maximum-pool-size=4"})
@DirtiesContext
class PrivateNetworkWebhookTests extends DeskTest {

    @Autowired
    io.sladesk.server.platform.Outbox outbox;

    private HttpServer receiver;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        switchEveryWebhookOff();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        switchEveryWebhookOff();
    }

    private void switchEveryWebhookOff() {
        for (JsonNode w :
                admin.get("/api/v1/webhooks?limit=200").json().get("items").values()) {
            if (w.get("active").asBoolean())
                admin.delete("/api/v1/webhooks/" + w.get("id").asString());
        }
    }

    private Api.Response register(String url) {
        return admin.post("/api/v1/webhooks", Map.of("url", url, "events", List.of("*")));
    }

    private static void refused(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(fields(r, "errors", "field")).containsExactly("url");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:5432/",
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "http://[::1]/",
                "http://2130706433/",
                "http://user:pass@hooks.example.com/",
                "http://localhost:8080/hook",
                "http://0.0.0.0/",
                "http://[::]/",
                "http://10.0.0.7/hook",
                "http://172.20.1.1/hook",
                "http://192.168.0.1/hook",
                "http://100.64.1.1/hook",
                "http://[fd00::1]/hook",
                "http://[fe80::1]/hook",
                "http://[::ffff:127.0.0.1]/hook",
                "http://[::ffff:a9fe:a9fe]/hook",
                "http://0177.0.0.1/",
                "http://0x7f000001/",
                "http://224.0.0.251/",
                "gopher://127.0.0.1:6379/_INFO"
            })
    void theIssuesUrlsAndTheirCousinsAreRefusedAtRegistration(String url) {
        long before = count("webhooks");
        Api.Response r = register(url);
        refused(r);
        assertThat(count("webhooks")).as("nothing stored").isEqualTo(before);
    }

    @Test
    void theRefusalSaysWhyAndHowADeploymentAllowsItsOwnNetwork() {
        Api.Response r = register("http://169.254.169.254/latest/meta-data/");
        assertThat(fields(r, "errors", "message").get(0))
                .contains("169.254.169.254 is a link-local address")
                .contains("SLADESK_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true");
    }

    @Test
    void anAddressOnTheInternetIsAcceptedAndAChangeToAnInsideOneIsRefused() {
        Api.Response ok = register("http://203.0.113.10/hook");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        String id = ok.get("id");
        // switched off before anything could be written for it
        Api.Response off =
                admin.send("PATCH", "/api/v1/webhooks/" + id, "application/json", "{\"active\":false}", Map.of());
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        refused(admin.send(
                "PATCH", "/api/v1/webhooks/" + id, "application/json", "{\"url\":\"http://127.0.0.1:22/\"}", Map.of()));
        assertThat(admin.get("/api/v1/webhooks/" + id).get("url")).isEqualTo("http://203.0.113.10/hook");
    }

    /**
     * A webhook whose URL points inside by the time of sending (stored before this check
     * existed, or a name since rebound) is not sent to: the attempt fails, says why, and is
     * retried like any failure.
     */
    @Test
    void atSendTimeAnInsideAddressIsAFailedAttemptAndNothingIsSent() {
        UUID id = UUID.randomUUID();
        db.sql("insert into webhooks (id, url, events, secret, created_at) values (?, ?, ?, ?, ?)")
                .params(
                        id,
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        new String[] {"ticket.created"},
                        "whsec_test",
                        Timestamp.from(clock.instant()))
                .update();
        ticket(customer(organization()), "P3");
        assertThat(outbox.deliverDue("webhook")).isEqualTo(1);
        assertThat(calls.get()).as("the receiver heard nothing").isZero();

        JsonNode delivery = admin.get("/api/v1/webhooks/" + id + "/deliveries")
                .json()
                .get("items")
                .get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("pending");
        JsonNode attempt = delivery.get("attempts").get(0);
        assertThat(attempt.path("status").isMissingNode()
                        || attempt.path("status").isNull())
                .as("no HTTP status: nothing was asked")
                .isTrue();
        assertThat(attempt.get("error").asString()).contains("not sent").contains("127.0.0.1 is a loopback address");
    }
}
