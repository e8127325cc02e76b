package io.sladesk.server.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one outbox of every outgoing channel. A message is written in the transaction that
 * recorded its event (so none is lost and none is sent for a change that rolled back),
 * once per event and destination, with its bytes fixed then. Any server's worker claims
 * due messages by pushing their next attempt a lease into the future (under {@code FOR
 * UPDATE SKIP LOCKED}), so no two servers send one at once and no transaction stays open
 * while sending; a server that dies mid-send leaves the message to be sent again when the
 * lease ends (receivers de-duplicate). Failures are retried with the channel's backoff and
 * dead-lettered after its limit. Messages are sent side by side, so one slow receiver does
 * not hold back the others.
 */
@Component
public class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int BATCH = 20;

    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<String, OutboxChannel> channels;
    private final Duration lease;
    private final ExecutorService senders = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "outbox-sender");
        t.setDaemon(true);
        return t;
    });

    Outbox(
            JdbcClient db,
            TransactionTemplate tx,
            Clock clock,
            JsonMapper json,
            List<OutboxChannel> channels,
            @Value("${sladesk.outbox.lease:PT60S}") Duration lease) {
        this.db = db;
        this.tx = tx;
        this.clock = clock;
        this.json = json;
        this.channels = channels.stream().collect(Collectors.toMap(OutboxChannel::name, Function.identity()));
        this.lease = lease;
    }

    /** A message as written and as the worker hands it to its channel. */
    public record Message(
            UUID id,
            String channel,
            String destination,
            String type,
            UUID ticketId,
            String payload,
            Map<String, String> headers,
            int attempt) {}

    /**
     * Writes a message in the caller's transaction, once per channel, destination and
     * event key (a second write of the same is ignored). Returns whether it was written.
     */
    public boolean enqueue(
            String channel,
            String destination,
            String eventKey,
            String type,
            UUID ticketId,
            String payload,
            Map<String, String> headers,
            Instant at) {
        return enqueueAll(List.of(new Entry(channel, destination, eventKey, type, ticketId, payload, headers, at)))
                == 1;
    }

    /** A message to write: what {@link #enqueue} takes, for writing many in one statement. */
    public record Entry(
            String channel,
            String destination,
            String eventKey,
            String type,
            UUID ticketId,
            String payload,
            Map<String, String> headers,
            Instant at) {}

    /**
     * Writes these messages in the caller's transaction, in one statement, in the order
     * given (their {@code seq}, the order channels that keep order send in); a message
     * already written for its channel, destination and event key is ignored, as by {@link
     * #enqueue}. Returns how many were written.
     */
    public int enqueueAll(List<Entry> entries) {
        if (entries.isEmpty()) return 0;
        int n = entries.size();
        String[] ids = new String[n];
        String[] channel = new String[n];
        String[] destination = new String[n];
        String[] eventKey = new String[n];
        String[] type = new String[n];
        String[] ticket = new String[n];
        String[] payload = new String[n];
        String[] headers = new String[n];
        String[] at = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            ids[i] = UUID.randomUUID().toString();
            channel[i] = e.channel();
            destination[i] = e.destination();
            eventKey[i] = e.eventKey();
            type[i] = e.type();
            ticket[i] = e.ticketId() == null ? null : e.ticketId().toString();
            payload[i] = e.payload();
            headers[i] = json.writeValueAsString(e.headers());
            at[i] = e.at().toString();
        }
        return db.sql("insert into outbox (id, channel, destination, event_key, type, ticket_id, payload, headers,"
                        + " status, next_attempt_at, created_at)"
                        + " select u.id, u.channel, u.destination, u.event_key, u.type, u.ticket_id, u.payload,"
                        + " u.headers::jsonb, 'pending', u.at, u.at"
                        + " from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[],"
                        + " ?::text[], ?::timestamptz[]) with ordinality"
                        + " as u(id, channel, destination, event_key, type, ticket_id, payload, headers, at, ord)"
                        + " order by u.ord on conflict (channel, destination, event_key) do nothing")
                .params(ids, channel, destination, eventKey, type, ticket, payload, headers, at)
                .update();
    }

    /**
     * Sends a dead letter again: the message is pending once more with a fresh set of
     * attempts (its past attempts stay in its history). Only a dead message of that channel
     * and destination; returns whether there was one.
     */
    public boolean resend(String channel, String destination, UUID messageId) {
        return db.sql("update outbox set status = 'pending', attempts = 0, next_attempt_at = ?, last_error = null"
                                + " where id = ? and channel = ? and destination = ? and status = 'dead'")
                        .params(Timestamp.from(clock.instant()), messageId, channel, destination)
                        .update()
                > 0;
    }

    /** Stops sending what is still pending to a destination (a webhook switched off); its history stays. */
    public void cancel(String channel, String destination) {
        db.sql("update outbox set status = 'cancelled' where channel = ? and destination = ? and status = 'pending'")
                .params(channel, destination)
                .update();
    }

    @Scheduled(fixedDelayString = "${sladesk.outbox.sweep:PT0.5S}")
    void sweep() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.error("Outbox delivery failed; retrying on the next sweep", e);
        }
    }

    /** Claims and sends every due message of every channel that can send; returns how many were attempted. */
    public int deliverDue() {
        return deliverDue(channels.keySet().toArray(String[]::new));
    }

    /** The same, for these channels only. */
    public int deliverDue(String... only) {
        String[] names = java.util.Arrays.stream(only)
                .filter(n -> channels.containsKey(n) && channels.get(n).enabled())
                .toArray(String[]::new);
        if (names.length == 0) return 0;
        int total = 0;
        List<Message> batch;
        while (!(batch = claim(BATCH, names)).isEmpty()) {
            List<Future<?>> sending = new ArrayList<>();
            for (Message m : batch) {
                if (channels.get(m.channel()).sendsSideBySide()) sending.add(senders.submit(() -> attempt(m)));
            }
            for (Message m : batch) {
                if (!channels.get(m.channel()).sendsSideBySide()) attempt(m);
            }
            for (Future<?> f : sending) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return total;
                } catch (ExecutionException e) {
                    log.error("Sending an outbox message failed", e.getCause());
                }
            }
            total += batch.size();
        }
        return total;
    }

    /**
     * Takes up to {@code n} due messages of these channels, leasing them to this server;
     * the worker then sends what it took. (Public so tests can play a server that dies
     * between the two.)
     */
    public List<Message> claim(int n, String... names) {
        Instant now = clock.instant();
        // materialised once: an IN (subquery … LIMIT … SKIP LOCKED) inside the UPDATE could
        // be re-evaluated under concurrency and claim fewer rows than are due
        return tx.execute(status -> db
                .sql("with c as materialized (select id from outbox where status = 'pending'"
                        + " and channel = any(?) and next_attempt_at <= ? order by next_attempt_at, seq limit ?"
                        + " for update skip locked)"
                        + " update outbox o set next_attempt_at = ?, attempts = o.attempts + 1 from c where o.id = c.id"
                        + " returning o.id, o.channel, o.destination, o.type, o.ticket_id, o.payload, o.headers,"
                        + " o.attempts, o.seq")
                .params(names, Timestamp.from(now), n, Timestamp.from(now.plus(lease)))
                .query((rs, i) -> Map.entry(
                        rs.getLong("seq"),
                        new Message(
                                rs.getObject("id", UUID.class),
                                rs.getString("channel"),
                                rs.getString("destination"),
                                rs.getString("type"),
                                rs.getObject("ticket_id", UUID.class),
                                rs.getString("payload"),
                                json.readValue(rs.getString("headers"), new TypeReference<Map<String, String>>() {}),
                                rs.getInt("attempts"))))
                .list()
                .stream()
                // RETURNING keeps no order: the order written, for channels that send in it
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList());
    }

    private void attempt(Message m) {
        OutboxChannel channel = channels.get(m.channel());
        Instant at = clock.instant();
        long t0 = System.nanoTime();
        OutboxChannel.Result r;
        try {
            r = channel.send(m);
        } catch (RuntimeException e) {
            r = OutboxChannel.Result.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        record(channel, m, at, r, Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    private void record(OutboxChannel channel, Message m, Instant at, OutboxChannel.Result r, long millis) {
        String error = r.delivered() || r.error() != null ? r.error() : "HTTP " + r.statusCode();
        tx.executeWithoutResult(s -> {
            db.sql(
                            "insert into outbox_attempts (message_id, at, status_code, error, duration_ms) values (?, ?, ?, ?, ?)")
                    .params(m.id(), Timestamp.from(at), r.statusCode(), error, millis)
                    .update();
            if (r.delivered()) {
                db.sql("update outbox set status = 'delivered', delivered_at = ?, last_error = null where id = ?")
                        .params(Timestamp.from(clock.instant()), m.id())
                        .update();
            } else if (m.attempt() >= channel.maxAttempts()) {
                db.sql("update outbox set status = 'dead', last_error = ? where id = ?")
                        .params(error, m.id())
                        .update();
            } else {
                Duration backoff = channel.firstBackoff().multipliedBy(1L << Math.min(m.attempt() - 1, 20));
                if (backoff.compareTo(channel.longestBackoff()) > 0) backoff = channel.longestBackoff();
                db.sql("update outbox set next_attempt_at = ?, last_error = ? where id = ?")
                        .params(Timestamp.from(at.plus(backoff)), error, m.id())
                        .update();
            }
        });
    }
}
