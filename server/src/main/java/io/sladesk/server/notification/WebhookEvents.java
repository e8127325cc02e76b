package io.sladesk.server.notification;

import io.sladesk.server.escalation.StaffAlerted;
import io.sladesk.server.escalation.StaffAlerts;
import io.sladesk.server.platform.Outbox;
import io.sladesk.server.sla.ClockEvents.ClockBreached;
import io.sladesk.server.sla.ClockEvents.ClockWarned;
import io.sladesk.server.sla.ClockEvents.TimersFired;
import io.sladesk.server.ticket.TicketEvents.MessagePosted;
import io.sladesk.server.ticket.TicketEvents.SeverityChanged;
import io.sladesk.server.ticket.TicketEvents.StatusChanged;
import io.sladesk.server.ticket.TicketEvents.TicketAssigned;
import io.sladesk.server.ticket.TicketEvents.TicketCreated;
import io.sladesk.server.ticket.TicketSummary;
import io.sladesk.server.ticket.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a delivery to the outbox for every webhook that wants an event, in the
 * transaction that recorded the event. The body is fixed here, from what the event
 * carries, so every retry sends the same bytes with the same event id. An escalation
 * level goes to webhooks only when its ladder says {@code webhook}.
 */
@Component
class WebhookEvents {
    private final JdbcClient db;
    private final Outbox outbox;
    private final JsonMapper json;

    WebhookEvents(JdbcClient db, Outbox outbox, JsonMapper json) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
    }

    @EventListener
    void on(TicketCreated e) {
        enqueue("ticket.created", e.ticket(), e.ticket().createdAt(), Map.of());
    }

    @EventListener
    void on(MessagePosted e) {
        String type = e.visibility() == Visibility.PUBLIC ? "message.public" : "message.internal";
        enqueue(type, e.ticket(), e.at(), Map.of("messageId", e.messageId().toString()));
    }

    @EventListener
    void on(StatusChanged e) {
        enqueue("status.changed", e.ticket(), e.at(), Map.of("from", e.from().wire(), "to", e.to().wire()));
    }

    @EventListener
    void on(SeverityChanged e) {
        enqueue(
                "severity.changed",
                e.ticket(),
                e.at(),
                Map.of("from", e.from().wire(), "to", e.to().wire(), "reason", e.reason()));
    }

    @EventListener
    void on(TicketAssigned e) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (e.assigneeId() != null) data.put("assigneeId", e.assigneeId().toString());
        if (e.groupId() != null) data.put("groupId", e.groupId().toString());
        enqueue("assigned", e.ticket(), e.at(), data);
    }

    @EventListener
    void on(ClockWarned e) {
        on(new TimersFired(List.of(e), List.of()));
    }

    @EventListener
    void on(ClockBreached e) {
        on(new TimersFired(List.of(e), List.of()));
    }

    /** A batch's warnings and breaches: the subscriptions read once, the deliveries written in one statement. */
    @EventListener
    void on(TimersFired batch) {
        if (batch.recorded().isEmpty()) return;
        Subscriptions hooks = subscriptions();
        List<Outbox.Entry> out = new ArrayList<>();
        for (var r : batch.recorded()) {
            if (r instanceof ClockWarned e) {
                deliveries(
                        out,
                        hooks,
                        "clock.warned",
                        e.ticket(),
                        e.at(),
                        Map.of("clock", e.metric().wire(), "dueAt", e.dueAt().toString()));
            } else if (r instanceof ClockBreached e) {
                deliveries(
                        out,
                        hooks,
                        "clock.breached",
                        e.ticket(),
                        e.at(),
                        Map.of("clock", e.metric().wire(), "dueAt", e.dueAt().toString()));
            }
        }
        outbox.enqueueAll(out);
    }

    @EventListener
    void on(StaffAlerted e) {
        on(new StaffAlerts(List.of(e)));
    }

    /** The escalation levels of a batch whose ladder says {@code webhook}. */
    @EventListener
    void on(StaffAlerts batch) {
        if (batch.alerts().stream().noneMatch(e -> e.kind() == StaffAlerted.Kind.ESCALATED && e.webhook())) return;
        Subscriptions hooks = subscriptions();
        List<Outbox.Entry> out = new ArrayList<>();
        for (StaffAlerted e : batch.alerts()) {
            if (e.kind() != StaffAlerted.Kind.ESCALATED || !e.webhook()) continue;
            deliveries(
                    out,
                    hooks,
                    "escalation.raised",
                    e.ticket(),
                    e.at(),
                    Map.<String, Object>of(
                            "level", e.level(), "dueAt", e.dueAt().toString()));
        }
        outbox.enqueueAll(out);
    }

    private void enqueue(String type, TicketSummary ticket, Instant at, Map<String, Object> data) {
        List<Outbox.Entry> out = new ArrayList<>();
        deliveries(out, subscriptions(), type, ticket, at, data);
        outbox.enqueueAll(out);
    }

    /** The active webhooks and the event types each wants, read once. */
    private record Subscriptions(List<Map.Entry<UUID, List<String>>> hooks) {
        List<UUID> wanting(String type) {
            List<UUID> out = new ArrayList<>();
            for (var h : hooks) if (h.getValue().contains(type) || h.getValue().contains("*")) out.add(h.getKey());
            return out;
        }
    }

    private Subscriptions subscriptions() {
        return new Subscriptions(db.sql("select id, events from webhooks where active order by created_at, id")
                .query((rs, i) -> Map.entry(rs.getObject("id", UUID.class), List.of((String[])
                        rs.getArray("events").getArray())))
                .list());
    }

    private void deliveries(
            List<Outbox.Entry> out,
            Subscriptions subscriptions,
            String type,
            TicketSummary ticket,
            Instant at,
            Map<String, Object> data) {
        List<UUID> hooks = subscriptions.wanting(type);
        if (hooks.isEmpty()) return;
        UUID eventId = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId.toString());
        body.put("type", type);
        body.put("at", at.toString());
        body.put("ticket", ticket(ticket));
        if (!data.isEmpty()) body.put("data", data);
        String text = json.writeValueAsString(body);
        for (UUID hook : hooks) {
            out.add(new Outbox.Entry(
                    WebhookChannel.NAME,
                    hook.toString(),
                    eventId.toString(),
                    type,
                    ticket.id(),
                    text,
                    Map.of("eventId", eventId.toString()),
                    at));
        }
    }

    /** The ticket as staff see it when the event happened: webhooks are registered by admins for their own systems. */
    private static Map<String, Object> ticket(TicketSummary t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id().toString());
        m.put("number", t.number());
        m.put("subject", t.subject());
        m.put("severity", t.severity().wire());
        m.put("status", t.status().wire());
        m.put("priority", t.priority().wire());
        m.put("organizationId", t.organizationId().toString());
        m.put("requesterId", t.requesterId().toString());
        if (t.assigneeId() != null) m.put("assigneeId", t.assigneeId().toString());
        if (t.groupId() != null) m.put("groupId", t.groupId().toString());
        m.put("channel", t.channel().wire());
        m.put("createdAt", t.createdAt().toString());
        return m;
    }
}
