package io.sladesk.server.escalation;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Organization;
import io.sladesk.server.policy.EscalationAction.Simple;
import io.sladesk.server.policy.EscalationLevel;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.sla.ClockEvents.ClockBreached;
import io.sladesk.server.sla.ClockEvents.ClockWarned;
import io.sladesk.server.sla.ClockEvents.EscalationDue;
import io.sladesk.server.ticket.TicketSummary;
import io.sladesk.server.ticket.Tickets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Acts on clock events inside the transaction that recorded them, so an escalation and
 * what it tells commit together with the breach, once: applies the ladder's actions to the
 * ticket and decides, in this one place, who hears of a warning, a breach or a level.
 */
@Component
class Escalations {
    private final Tickets tickets;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;

    Escalations(Tickets tickets, Accounts accounts, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.accounts = accounts;
        this.events = events;
    }

    @EventListener
    void on(EscalationDue e) {
        EscalationLevel rung = e.level();
        Optional<TicketSummary> after = tickets.escalate(
                e.ticket().id(),
                rung.level(),
                e.dueAt(),
                e.at(),
                rung.does(Simple.RAISE_PRIORITY),
                rung.reassignTo().orElse(null));
        if (after.isEmpty()) return; // closed meanwhile: nothing to act on
        TicketSummary t = after.get();
        Set<UUID> to = new LinkedHashSet<>();
        if (rung.does(Simple.NOTIFY_ASSIGNEE) && t.assigneeId() != null) to.add(t.assigneeId());
        if (rung.does(Simple.NOTIFY_ESCALATION_MANAGERS))
            accounts.escalationManagers().forEach(m -> to.add(m.id()));
        if (rung.does(Simple.NOTIFY_TAM)) tam(t).ifPresent(to::add);
        events.publishEvent(new StaffAlerted(
                t,
                StaffAlerted.Kind.ESCALATED,
                Metric.RESOLUTION,
                rung.level(),
                e.dueAt(),
                e.at(),
                List.copyOf(to),
                rung.does(Simple.WEBHOOK)));
    }

    @EventListener
    void on(ClockWarned e) {
        alert(e.ticket(), StaffAlerted.Kind.WARNED, e.metric(), e.dueAt(), e.at());
    }

    @EventListener
    void on(ClockBreached e) {
        alert(e.ticket(), StaffAlerted.Kind.BREACHED, e.metric(), e.dueAt(), e.at());
    }

    /** Warnings and breaches go to the assignee and the organization's TAM. */
    private void alert(
            TicketSummary t, StaffAlerted.Kind kind, Metric metric, java.time.Instant dueAt, java.time.Instant at) {
        Set<UUID> to = new LinkedHashSet<>();
        if (t.assigneeId() != null) to.add(t.assigneeId());
        tam(t).ifPresent(to::add);
        events.publishEvent(new StaffAlerted(t, kind, metric, 0, dueAt, at, List.copyOf(to), false));
    }

    private Optional<UUID> tam(TicketSummary t) {
        return accounts.organization(t.organizationId()).map(Organization::tamUserId);
    }
}
