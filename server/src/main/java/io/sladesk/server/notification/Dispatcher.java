package io.sladesk.server.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due webhook deliveries, on every server. A delivery is claimed by pushing its next
 * attempt a lease into the future (under {@code FOR UPDATE SKIP LOCKED}), so no two servers
 * send it at once, and no transaction stays open during the HTTP call. A server that dies
 * after sending but before recording leaves the delivery to be sent again when the lease
 * ends: receivers de-duplicate by {@code Sladesk-Event-Id}. Failures are retried with
 * exponential backoff and dead-lettered after the limit.
 */
@Component
class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final HttpClient http;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration lease;
    private final Duration timeout;
    private final java.util.concurrent.ExecutorService senders =
            java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "webhook-sender");
                t.setDaemon(true);
                return t;
            });

    Dispatcher(
            JdbcClient db,
            TransactionTemplate tx,
            Clock clock,
            @Value("${sladesk.webhooks.max-attempts:8}") int maxAttempts,
            @Value("${sladesk.webhooks.first-backoff:PT10S}") Duration firstBackoff,
            @Value("${sladesk.webhooks.lease:PT60S}") Duration lease,
            @Value("${sladesk.webhooks.timeout:PT10S}") Duration timeout) {
        this.db = db;
        this.tx = tx;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.lease = lease;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    record Claimed(UUID id, String url, String secret, UUID eventId, String body, int attempt) {}

    @Scheduled(fixedDelayString = "${sladesk.webhooks.sweep:PT0.5S}")
    void sweep() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.warn("Webhook dispatch failed; retrying on the next sweep", e);
        }
    }

    /** Claims and sends every due delivery; returns how many were attempted. */
    int deliverDue() {
        int total = 0;
        List<Claimed> batch;
        while (!(batch = claim(20)).isEmpty()) {
            // sent side by side: one slow receiver must not hold back the others' deliveries
            List<java.util.concurrent.Future<?>> sending = new java.util.ArrayList<>();
            for (Claimed c : batch) sending.add(senders.submit(() -> send(c)));
            for (var f : sending) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return total;
                } catch (java.util.concurrent.ExecutionException e) {
                    log.warn("Sending a webhook delivery failed", e.getCause());
                }
            }
            total += batch.size();
        }
        return total;
    }

    /** Takes up to {@code n} due deliveries, leasing them to this server. */
    List<Claimed> claim(int n) {
        Instant now = clock.instant();
        // the claim is materialised once: an IN (subquery … LIMIT … SKIP LOCKED) inside the
        // UPDATE could be re-evaluated under concurrency and claim fewer rows than are due
        return tx.execute(status -> db.sql("with c as materialized (select dd.id from webhook_deliveries dd"
                        + " join webhooks ww on ww.id = dd.webhook_id and ww.active where dd.status = 'pending'"
                        + " and dd.next_attempt_at <= ? order by dd.next_attempt_at limit ? for update of dd skip locked)"
                        + " update webhook_deliveries d set next_attempt_at = ?, attempts = d.attempts + 1"
                        + " from c, webhooks w where d.id = c.id and w.id = d.webhook_id"
                        + " returning d.id, w.url, w.secret, d.event_id, d.body, d.attempts")
                .params(Timestamp.from(now), n, Timestamp.from(now.plus(lease)))
                .query((rs, i) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        rs.getString("url"),
                        rs.getString("secret"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("body"),
                        rs.getInt("attempts")))
                .list());
    }

    private void send(Claimed c) {
        Instant at = clock.instant();
        long t0 = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(URI.create(c.url()))
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "Sladesk-Webhooks/1")
                            .header("Sladesk-Event-Id", c.eventId().toString())
                            .header("Sladesk-Signature", Signatures.header(c.secret(), at.getEpochSecond(), c.body()))
                            .POST(HttpRequest.BodyPublishers.ofString(c.body()))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            status = r.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        record(c, at, status, error, Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    private void record(Claimed c, Instant at, Integer status, String error, long millis) {
        boolean ok = status != null && status >= 200 && status < 300;
        String err = ok || error != null ? error : "HTTP " + status;
        tx.executeWithoutResult(s -> {
            db.sql(
                            "insert into webhook_attempts (delivery_id, at, status_code, error, duration_ms) values (?, ?, ?, ?, ?)")
                    .params(c.id(), Timestamp.from(at), status, err, millis)
                    .update();
            if (ok) {
                db.sql("update webhook_deliveries set status = 'delivered', delivered_at = ? where id = ?")
                        .params(Timestamp.from(clock.instant()), c.id())
                        .update();
            } else if (c.attempt() >= maxAttempts) {
                db.sql("update webhook_deliveries set status = 'dead' where id = ?")
                        .param(c.id())
                        .update();
            } else {
                Duration backoff = firstBackoff.multipliedBy(1L << Math.min(c.attempt() - 1, 12));
                if (backoff.compareTo(Duration.ofHours(1)) > 0) backoff = Duration.ofHours(1);
                db.sql("update webhook_deliveries set next_attempt_at = ? where id = ?")
                        .params(Timestamp.from(at.plus(backoff)), c.id())
                        .update();
            }
        });
    }
}
