package io.sladesk.server.escalation;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.User;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.EscalationAction.Simple;
import io.sladesk.server.policy.EscalationLevel;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.sla.ClockEvents.ClockBreached;
import io.sladesk.server.sla.ClockEvents.ClockWarned;
import io.sladesk.server.sla.ClockEvents.ClocksStarted;
import io.sladesk.server.sla.ClockEvents.EscalationDue;
import io.sladesk.server.ticket.TicketEvents.ReevaluationRequested;
import io.sladesk.server.ticket.TicketSummary;
import io.sladesk.server.ticket.Tickets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Acts on clock and ticket events inside the transaction that recorded them, so an
 * escalation and what it tells commit together with the breach, once: applies the
 * ladder's actions to the ticket and decides, in this one place, who hears of what.
 *
 * <p>The ticket's watchers hear of everything: its followers and the account's TAM, whose
 * place the backup takes while the TAM is marked away. Other followers who are away are
 * left out; the assignee hears of warnings, breaches and requests on their ticket.
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
        // the TAM hears of every level of the account (notify_tam says so where there is no follower list)
        to.addAll(watchers(t));
        publish(t, StaffAlerted.Kind.ESCALATED, Metric.RESOLUTION, rung.level(), e.dueAt(), e.at(), to, rung, null);
    }

    @EventListener
    void on(ClocksStarted e) {
        TicketSummary t = e.ticket();
        if (t.severity() != Severity.P1 && t.severity() != Severity.P2) return;
        Optional<Organization> org = accounts.organization(t.organizationId());
        Set<UUID> to = new LinkedHashSet<>();
        org.flatMap(accounts::tamOnDuty).ifPresent(to::add);
        if (to.isEmpty()) return;
        publish(
                t,
                StaffAlerted.Kind.URGENT,
                Metric.FIRST_RESPONSE,
                0,
                e.firstResponseDue(),
                t.createdAt(),
                to,
                null,
                null);
    }

    @EventListener
    void on(ReevaluationRequested e) {
        TicketSummary t = e.ticket();
        Set<UUID> to = new LinkedHashSet<>();
        if (t.assigneeId() != null) to.add(t.assigneeId());
        to.addAll(watchers(t));
        publish(
                t,
                StaffAlerted.Kind.REEVALUATION_REQUESTED,
                Metric.REEVALUATION,
                0,
                null,
                e.at(),
                to,
                null,
                new StaffAlerted.Request(e.requested(), e.reason()));
    }

    @EventListener
    void on(ClockWarned e) {
        alert(e.ticket(), StaffAlerted.Kind.WARNED, e.metric(), e.dueAt(), e.at());
    }

    @EventListener
    void on(ClockBreached e) {
        alert(e.ticket(), StaffAlerted.Kind.BREACHED, e.metric(), e.dueAt(), e.at());
    }

    /** Warnings and breaches go to the assignee and the watchers. */
    private void alert(TicketSummary t, StaffAlerted.Kind kind, Metric metric, Instant dueAt, Instant at) {
        Set<UUID> to = new LinkedHashSet<>();
        if (t.assigneeId() != null) to.add(t.assigneeId());
        to.addAll(watchers(t));
        publish(t, kind, metric, 0, dueAt, at, to, null, null);
    }

    private void publish(
            TicketSummary t,
            StaffAlerted.Kind kind,
            Metric metric,
            int level,
            Instant dueAt,
            Instant at,
            Set<UUID> to,
            EscalationLevel rung,
            StaffAlerted.Request request) {
        boolean webhook = rung != null && rung.does(Simple.WEBHOOK);
        if (to.isEmpty() && !webhook) return;
        events.publishEvent(new StaffAlerted(t, kind, metric, level, dueAt, at, List.copyOf(to), webhook, request));
    }

    /**
     * The followers and the TAM on duty: the TAM (stored as a follower) gives way to the
     * backup while away; other followers who are away are left out.
     */
    private Set<UUID> watchers(TicketSummary t) {
        Set<UUID> out = new LinkedHashSet<>();
        Optional<Organization> org = accounts.organization(t.organizationId());
        UUID tam = org.map(Organization::tamUserId).orElse(null);
        for (UUID f : tickets.followersOf(t.id())) {
            if (f.equals(tam)) continue;
            if (accounts.user(f).map(User::away).orElse(true)) continue;
            out.add(f);
        }
        org.flatMap(accounts::tamOnDuty).ifPresent(out::add);
        return out;
    }
}
