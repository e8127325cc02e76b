package io.sladesk.server.notification;

import io.sladesk.server.sla.ClockEvents.ClockBreached;
import io.sladesk.server.sla.ClockEvents.ClockWarned;
import io.sladesk.server.sla.ClockEvents.EscalationDue;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.TicketEvents.MessagePosted;
import io.sladesk.server.ticket.TicketEvents.SeverityChanged;
import io.sladesk.server.ticket.TicketEvents.StatusChanged;
import io.sladesk.server.ticket.TicketEvents.TicketAssigned;
import io.sladesk.server.ticket.TicketEvents.TicketCreated;
import io.sladesk.server.ticket.Tickets;
import io.sladesk.server.ticket.Visibility;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a delivery for every webhook that wants an event, in the transaction that
 * recorded the event: the event and its deliveries commit together or not at all. The
 * body is fixed here, so every retry sends the same bytes with the same event id.
 */
@Component
class Outbox {
    private final JdbcClient db;
    private final Tickets tickets;
    private final JsonMapper json;

    Outbox(JdbcClient db, Tickets tickets, JsonMapper json) {
        this.db = db;
        this.tickets = tickets;
        this.json = json;
    }

    @EventListener
    void on(TicketCreated e) {
        enqueue("ticket.created", e.ticketId(), e.createdAt(), Map.of());
    }

    @EventListener
    void on(MessagePosted e) {
        String type = e.visibility() == Visibility.PUBLIC ? "message.public" : "message.internal";
        enqueue(type, e.ticketId(), e.at(), Map.of("messageId", e.messageId().toString()));
    }

    @EventListener
    void on(StatusChanged e) {
        enqueue("status.changed", e.ticketId(), e.at(), Map.of("from", e.from().wire(), "to", e.to().wire()));
    }

    @EventListener
    void on(SeverityChanged e) {
        enqueue(
                "severity.changed",
                e.ticketId(),
                e.at(),
                Map.of("from", e.from().wire(), "to", e.to().wire(), "reason", e.reason()));
    }

    @EventListener
    void on(TicketAssigned e) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (e.assigneeId() != null) data.put("assigneeId", e.assigneeId().toString());
        if (e.groupId() != null) data.put("groupId", e.groupId().toString());
        enqueue("assigned", e.ticketId(), e.at(), data);
    }

    @EventListener
    void on(ClockWarned e) {
        enqueue(
                "clock.warned",
                e.ticketId(),
                e.at(),
                Map.of("clock", e.metric().wire(), "dueAt", e.dueAt().toString()));
    }

    @EventListener
    void on(ClockBreached e) {
        enqueue(
                "clock.breached",
                e.ticketId(),
                e.at(),
                Map.of("clock", e.metric().wire(), "dueAt", e.dueAt().toString()));
    }

    @EventListener
    void on(EscalationDue e) {
        enqueue(
                "escalation.raised",
                e.ticketId(),
                e.at(),
                Map.<String, Object>of("level", e.level(), "dueAt", e.dueAt().toString()));
    }

    private void enqueue(String type, UUID ticketId, Instant at, Map<String, Object> data) {
        List<UUID> hooks = db.sql("select id from webhooks where active and (? = any(events) or '*' = any(events))")
                .param(type)
                .query(UUID.class)
                .list();
        if (hooks.isEmpty()) return;
        UUID eventId = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId.toString());
        body.put("type", type);
        body.put("at", at.toString());
        body.put("ticket", ticket(tickets.find(ticketId)));
        if (!data.isEmpty()) body.put("data", data);
        String text = json.writeValueAsString(body);
        for (UUID hook : hooks) {
            db.sql("insert into webhook_deliveries (id, webhook_id, event_id, type, ticket_id, body, status,"
                            + " next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, 'pending', ?, ?)"
                            + " on conflict (webhook_id, event_id) do nothing")
                    .params(
                            UUID.randomUUID(),
                            hook,
                            eventId,
                            type,
                            ticketId,
                            text,
                            Timestamp.from(at),
                            Timestamp.from(at))
                    .update();
        }
    }

    /** The ticket as staff see it: webhooks are registered by admins for their own systems. */
    private static Map<String, Object> ticket(Ticket t) {
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
        m.put("escalationLevel", t.escalationLevel());
        return m;
    }
}
