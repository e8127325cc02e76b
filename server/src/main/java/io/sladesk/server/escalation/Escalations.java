package io.sladesk.server.escalation;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.User;
import io.sladesk.server.sla.ClockEvents.ClockBreached;
import io.sladesk.server.sla.ClockEvents.ClockWarned;
import io.sladesk.server.sla.ClockEvents.EscalationDue;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.Tickets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Acts on clock events inside the transaction that recorded them, so an escalation and
 * its notices commit together with the breach, once. Notices are rows keyed by event
 * and recipient: delivery (mail, webhooks) reads them later and can never double them.
 */
@Component
class Escalations {
    private static final String REASSIGN = "reassign_to_group:";

    private final Tickets tickets;
    private final Accounts accounts;
    private final JdbcClient db;

    Escalations(Tickets tickets, Accounts accounts, JdbcClient db) {
        this.tickets = tickets;
        this.accounts = accounts;
        this.db = db;
    }

    @EventListener
    void on(EscalationDue e) {
        String group = e.actions().stream()
                .filter(a -> a.startsWith(REASSIGN))
                .map(a -> a.substring(REASSIGN.length()))
                .findFirst()
                .orElse(null);
        if (!tickets.escalate(
                e.ticketId(), e.level(), e.dueAt(), e.at(), e.actions().contains("raise_priority"), group)) {
            return;
        }
        Ticket t = tickets.find(e.ticketId());
        Set<String> recipients = new LinkedHashSet<>();
        if (e.actions().contains("notify_assignee") && t.assigneeId() != null) recipients.add("user:" + t.assigneeId());
        if (e.actions().contains("notify_escalation_managers")) {
            for (User m : accounts.escalationManagers()) recipients.add("user:" + m.id());
        }
        if (e.actions().contains("notify_tam")) tam(t).ifPresent(id -> recipients.add("user:" + id));
        if (e.actions().contains("webhook")) recipients.add("webhook");
        record("escalation:" + e.ticketId() + ":" + e.level(), t, "escalation.raised", e.level(), recipients, e.at());
    }

    @EventListener
    void on(ClockWarned e) {
        Ticket t = tickets.find(e.ticketId());
        Set<String> to = new LinkedHashSet<>();
        if (t.assigneeId() != null) to.add("user:" + t.assigneeId());
        tam(t).ifPresent(id -> to.add("user:" + id));
        record("warning:" + e.ticketId() + ":" + e.metric().wire(), t, "clock.warned", null, to, e.at());
    }

    @EventListener
    void on(ClockBreached e) {
        Ticket t = tickets.find(e.ticketId());
        Set<String> to = new LinkedHashSet<>();
        if (t.assigneeId() != null) to.add("user:" + t.assigneeId());
        tam(t).ifPresent(id -> to.add("user:" + id));
        to.add("webhook");
        record("breach:" + e.ticketId() + ":" + e.metric().wire(), t, "clock.breached", null, to, e.at());
    }

    private java.util.Optional<UUID> tam(Ticket t) {
        return accounts.organization(t.organizationId()).map(o -> o.tamUserId());
    }

    private void record(String eventKey, Ticket t, String kind, Integer level, Set<String> recipients, Instant at) {
        for (String r : List.copyOf(recipients)) {
            db.sql("insert into notices (id, event_key, ticket_id, organization_id, kind, recipient, level, created_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_key, recipient) do nothing")
                    .params(UUID.randomUUID(), eventKey, t.id(), t.organizationId(), kind, r, level, Timestamp.from(at))
                    .update();
        }
    }
}
