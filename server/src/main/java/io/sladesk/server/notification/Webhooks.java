package io.sladesk.server.notification;

import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Problems.NotFound;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The notification module's facade for webhooks: register, list, and read deliveries. */
@Service
public class Webhooks {
    /** The event types a webhook may ask for; "*" means all of them. */
    public static final List<String> EVENT_TYPES = List.of(
            "ticket.created",
            "message.public",
            "message.internal",
            "status.changed",
            "severity.changed",
            "assigned",
            "clock.warned",
            "clock.breached",
            "escalation.raised");

    private final JdbcClient db;
    private final Clock clock;
    private final io.sladesk.server.platform.Outbox outbox;
    private final WebhookTargets targets;
    private final SecureRandom random = new SecureRandom();

    Webhooks(JdbcClient db, Clock clock, io.sladesk.server.platform.Outbox outbox, WebhookTargets targets) {
        this.db = db;
        this.clock = clock;
        this.outbox = outbox;
        this.targets = targets;
    }

    /** A new webhook and its signing secret, shown once here. */
    public record Registered(Webhook webhook, String secret) {}

    @Transactional
    public Registered register(String url, List<String> events) {
        Checks checks = Checks.start();
        String u = url(checks, url);
        Set<String> types = events(checks, events);
        checks.orThrow();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Webhook w = new Webhook(
                UUID.randomUUID(), u, List.copyOf(types), true, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        db.sql("insert into webhooks (id, url, events, secret, created_at) values (?, ?, ?, ?, ?)")
                .params(w.id(), w.url(), w.events().toArray(String[]::new), secret, Timestamp.from(w.createdAt()))
                .update();
        return new Registered(w, secret);
    }

    /**
     * Changes what is given: the URL (checked as at registration), the event types, or
     * whether it is active. Switching it off cancels what is pending for it, as {@link
     * #deactivate} does; switching it on sends the events from then on.
     */
    @Transactional
    public Webhook update(String id, String url, List<String> events, Boolean active) {
        Webhook w = get(id).orElseThrow(() -> new NotFound("Webhook " + id + " does not exist"));
        Checks checks = Checks.start();
        String u = url == null ? w.url() : url(checks, url);
        Set<String> types = events == null ? new LinkedHashSet<>(w.events()) : events(checks, events);
        checks.orThrow();
        boolean on = active == null ? w.active() : active;
        db.sql("update webhooks set url = ?, events = ?, active = ? where id = ?")
                .params(u, types.toArray(String[]::new), on, w.id())
                .update();
        if (w.active() && !on) outbox.cancel(WebhookChannel.NAME, w.id().toString());
        return get(id).orElseThrow();
    }

    /** A receiver's URL, checked by {@link WebhookTargets}. */
    private String url(Checks checks, String url) {
        String u = checks.text("url", url, 2_000);
        if (u == null) return null;
        try {
            targets.checkForRegistration(u);
            return u;
        } catch (WebhookTargets.Refused e) {
            checks.add("url", e.getMessage());
            return null;
        }
    }

    private static Set<String> events(Checks checks, List<String> events) {
        Set<String> types = new LinkedHashSet<>();
        if (events == null || events.isEmpty()) {
            checks.add("events", "name at least one event type: " + EVENT_TYPES + " or \"*\"");
        } else {
            for (int i = 0; i < events.size(); i++) {
                String e = events.get(i);
                if (e != null && ("*".equals(e) || EVENT_TYPES.contains(e))) types.add(e);
                else checks.add("events[" + i + "]", "'" + e + "' is not one of " + EVENT_TYPES + " or \"*\"");
            }
        }
        return types;
    }

    public List<Webhook> list() {
        return db.sql("select * from webhooks order by created_at")
                .query(Webhooks::webhook)
                .list();
    }

    public Optional<Webhook> get(String id) {
        return io.sladesk.server.platform.Ids.parse(id)
                .flatMap(uuid -> db.sql("select * from webhooks where id = ?")
                        .param(uuid)
                        .query(Webhooks::webhook)
                        .optional());
    }

    /** Stops sending to a webhook; its past deliveries stay readable. */
    @Transactional
    public void deactivate(String id) {
        Webhook w = get(id).orElseThrow(() -> new NotFound("Webhook " + id + " does not exist"));
        db.sql("update webhooks set active = false where id = ?").param(w.id()).update();
        outbox.cancel(WebhookChannel.NAME, w.id().toString());
    }

    /**
     * Sends a dead-lettered delivery again, with the same event id (receivers deduplicate by
     * it). A delivery not dead (pending, delivered, cancelled) is a 409; one of another
     * webhook, or none, a 404.
     */
    @Transactional
    public void resend(String webhookId, String deliveryId) {
        Webhook w = get(webhookId).orElseThrow(() -> new NotFound("Webhook " + webhookId + " does not exist"));
        UUID id = io.sladesk.server.platform.Ids.parse(deliveryId)
                .orElseThrow(() -> new NotFound("Delivery " + deliveryId + " does not exist"));
        Optional<String> status = db.sql("select status from outbox where id = ? and channel = ? and destination = ?")
                .params(id, WebhookChannel.NAME, w.id().toString())
                .query(String.class)
                .optional();
        if (status.isEmpty()) throw new NotFound("Delivery " + deliveryId + " does not exist");
        if (!w.active())
            throw new io.sladesk.server.platform.Problems.Conflict("the webhook is inactive; activate it first");
        if (!outbox.resend(WebhookChannel.NAME, w.id().toString(), id))
            throw new io.sladesk.server.platform.Problems.Conflict(
                    "only a dead letter is sent again; this delivery is " + status.get());
    }

    /** A page of a webhook's deliveries, newest first, each with its attempts. */
    public io.sladesk.server.platform.Page<Delivery> deliveries(String webhookId, Integer limit, String cursor) {
        int n = io.sladesk.server.platform.Cursor.limit(limit);
        int from = 0;
        if (cursor != null) {
            try {
                from = Integer.parseInt(
                        io.sladesk.server.platform.Cursor.decode(cursor, 1).get(0));
                if (from < 1) throw new NumberFormatException("a page after the first starts after 0");
            } catch (NumberFormatException e) {
                throw new io.sladesk.server.platform.Problems.InvalidInput(
                        "cursor", "is not a cursor this list handed out");
            }
        }
        List<Delivery> rows = deliveries(webhookId, n + 1, Math.max(0, from));
        if (rows.size() <= n) return new io.sladesk.server.platform.Page<>(rows, null);
        return new io.sladesk.server.platform.Page<>(
                List.copyOf(rows.subList(0, n)),
                io.sladesk.server.platform.Cursor.encode(List.of(Integer.toString(from + n))));
    }

    private List<Delivery> deliveries(String webhookId, int limit, int offset) {
        Webhook w = get(webhookId).orElseThrow(() -> new NotFound("Webhook " + webhookId + " does not exist"));
        List<Delivery> out = new ArrayList<>();
        for (Delivery d : db.sql("select * from outbox where channel = ? and destination = ?"
                        + " order by created_at desc, id limit ? offset ?")
                .params(WebhookChannel.NAME, w.id().toString(), limit, offset)
                .query((rs, i) -> delivery(rs, List.of()))
                .list()) {
            List<Delivery.Attempt> attempts = db.sql("select * from outbox_attempts where message_id = ? order by id")
                    .param(d.id())
                    .query((rs, i) -> new Delivery.Attempt(
                            rs.getTimestamp("at").toInstant(),
                            (Integer) rs.getObject("status_code"),
                            rs.getString("error"),
                            rs.getLong("duration_ms")))
                    .list();
            out.add(new Delivery(
                    d.id(),
                    d.eventId(),
                    d.type(),
                    d.status(),
                    d.attempts(),
                    d.nextAttemptAt(),
                    d.createdAt(),
                    d.deliveredAt(),
                    attempts));
        }
        return out;
    }

    static Delivery delivery(ResultSet rs, List<Delivery.Attempt> attempts) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new Delivery(
                rs.getObject("id", UUID.class),
                UUID.fromString(rs.getString("event_key")),
                rs.getString("type"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                delivered == null ? null : delivered.toInstant(),
                attempts);
    }

    private static Webhook webhook(ResultSet rs, int i) throws SQLException {
        return new Webhook(
                rs.getObject("id", UUID.class),
                rs.getString("url"),
                List.of((String[]) rs.getArray("events").getArray()),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }
}
