package io.sladesk.server.notification;

import io.sladesk.server.platform.Outbox;
import io.sladesk.server.platform.OutboxChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed webhook deliveries, as the outbox's {@code webhook} channel: {@code POST url} with
 * the fixed body, {@code Sladesk-Event-Id} and {@code Sladesk-Signature}. Any 2xx is
 * delivered. HTTP/1.1, a bounded wait, and redirects never followed (a 3xx is a failed
 * attempt). Before each attempt the URL is checked again by {@link WebhookTargets} on a
 * fresh DNS answer; one that points inside is a failed attempt that names why, retried and
 * dead-lettered like any other, and nothing is sent.
 */
@Component
class WebhookChannel implements OutboxChannel {
    static final String NAME = "webhook";

    private final JdbcClient db;
    private final Clock clock;
    private final WebhookTargets targets;
    private final HttpClient http;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration timeout;

    WebhookChannel(
            JdbcClient db,
            Clock clock,
            WebhookTargets targets,
            @Value("${sladesk.webhooks.max-attempts:8}") int maxAttempts,
            @Value("${sladesk.webhooks.first-backoff:PT10S}") Duration firstBackoff,
            @Value("${sladesk.webhooks.timeout:PT10S}") Duration timeout) {
        this.db = db;
        this.clock = clock;
        this.targets = targets;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public Duration firstBackoff() {
        return firstBackoff;
    }

    @Override
    public Duration longestBackoff() {
        return Duration.ofHours(1);
    }

    private record Target(String url, String secret) {}

    @Override
    public Result send(Outbox.Message m) {
        Target target = db.sql("select url, secret from webhooks where id = ? and active")
                .param(UUID.fromString(m.destination()))
                .query((rs, i) -> new Target(rs.getString("url"), rs.getString("secret")))
                .optional()
                .orElse(null);
        if (target == null) return Result.failed(null, "the webhook was deactivated");
        URI uri;
        try {
            uri = targets.checkForDelivery(target.url());
        } catch (WebhookTargets.Refused e) {
            return Result.failed(null, "not sent: the URL " + e.getMessage());
        }
        try {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "Sladesk-Webhooks/1")
                            .header("Sladesk-Event-Id", m.headers().get("eventId"))
                            .header(
                                    "Sladesk-Signature",
                                    Signatures.header(
                                            target.secret(), clock.instant().getEpochSecond(), m.payload()))
                            .POST(HttpRequest.BodyPublishers.ofString(m.payload()))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            int status = r.statusCode();
            return status >= 200 && status < 300 ? Result.ok(status) : Result.failed(status, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(null, "interrupted");
        } catch (Exception e) {
            return Result.failed(
                    null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
