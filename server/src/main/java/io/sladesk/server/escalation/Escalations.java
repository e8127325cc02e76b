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
import io.sladesk.server.sla.ClockEvents.TimersFired;
import io.sladesk.server.ticket.TicketEvents.ReevaluationRequested;
import io.sladesk.server.ticket.TicketSummary;
import io.sladesk.server.ticket.Tickets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
        on(new TimersFired(List.of(), List.of(e)));
    }

    @EventListener
    void on(ClockWarned e) {
        on(new TimersFired(List.of(e), List.of()));
    }

    @EventListener
    void on(ClockBreached e) {
        on(new TimersFired(List.of(e), List.of()));
    }

    /**
     * A batch of warnings, breaches and levels, handled per batch: the accounts, followers
     * and users it needs are read once for the batch, the ladder's actions are applied to
     * all its tickets at once ({@link Tickets#escalateAll}), and one {@link StaffAlerts}
     * carries who hears of what, in the batch's order (warnings and breaches, then levels).
     */
    @EventListener
    void on(TimersFired e) {
        Set<UUID> ticketIds = new LinkedHashSet<>();
        e.recorded().forEach(r -> ticketIds.add(r.ticket().id()));
        e.escalations().forEach(x -> ticketIds.add(x.ticket().id()));
        if (ticketIds.isEmpty()) return;
        Watchers watchers = watchers(
                ticketIds,
                java.util.stream.Stream.concat(
                                e.recorded().stream().map(r -> r.ticket()),
                                e.escalations().stream().map(EscalationDue::ticket))
                        .map(TicketSummary::organizationId)
                        .collect(java.util.stream.Collectors.toSet()));
        List<StaffAlerted> out = new ArrayList<>();
        for (var r : e.recorded()) {
            if (r instanceof ClockWarned w) {
                alert(out, watchers, w.ticket(), StaffAlerted.Kind.WARNED, w.metric(), w.dueAt(), w.at());
            } else if (r instanceof ClockBreached b) {
                alert(out, watchers, b.ticket(), StaffAlerted.Kind.BREACHED, b.metric(), b.dueAt(), b.at());
            }
        }
        List<Tickets.Escalation> levels = e.escalations().stream()
                .map(x -> new Tickets.Escalation(
                        x.ticket().id(),
                        x.level().level(),
                        x.dueAt(),
                        x.at(),
                        x.level().does(Simple.RAISE_PRIORITY),
                        x.level().reassignTo().orElse(null)))
                .toList();
        List<Optional<TicketSummary>> after = tickets.escalateAll(levels);
        List<UUID> managers = e.escalations().stream().anyMatch(x -> x.level().does(Simple.NOTIFY_ESCALATION_MANAGERS))
                ? accounts.escalationManagers().stream().map(User::id).toList()
                : List.of();
        for (int i = 0; i < levels.size(); i++) {
            if (after.get(i).isEmpty()) continue; // closed meanwhile: nothing to act on
            EscalationDue x = e.escalations().get(i);
            EscalationLevel rung = x.level();
            TicketSummary t = after.get(i).get();
            Set<UUID> to = new LinkedHashSet<>();
            if (rung.does(Simple.NOTIFY_ASSIGNEE) && t.assigneeId() != null) to.add(t.assigneeId());
            if (rung.does(Simple.NOTIFY_ESCALATION_MANAGERS)) to.addAll(managers);
            // the TAM hears of every level of the account (notify_tam says so where there is no follower list)
            to.addAll(watchers.of(t));
            add(
                    out,
                    t,
                    StaffAlerted.Kind.ESCALATED,
                    Metric.RESOLUTION,
                    rung.level(),
                    x.dueAt(),
                    x.at(),
                    to,
                    rung,
                    null);
        }
        if (!out.isEmpty()) events.publishEvent(new StaffAlerts(List.copyOf(out)));
    }

    /** Warnings and breaches go to the assignee and the watchers. */
    private static void alert(
            List<StaffAlerted> out,
            Watchers watchers,
            TicketSummary t,
            StaffAlerted.Kind kind,
            Metric metric,
            Instant dueAt,
            Instant at) {
        Set<UUID> to = new LinkedHashSet<>();
        if (t.assigneeId() != null) to.add(t.assigneeId());
        to.addAll(watchers.of(t));
        add(out, t, kind, metric, 0, dueAt, at, to, null, null);
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
        List<StaffAlerted> out = new ArrayList<>(1);
        add(out, t, kind, metric, level, dueAt, at, to, rung, request);
        out.forEach(events::publishEvent);
    }

    private static void add(
            List<StaffAlerted> out,
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
        out.add(new StaffAlerted(t, kind, metric, level, dueAt, at, List.copyOf(to), webhook, request));
    }

    /**
     * The followers and the TAM on duty: the TAM (stored as a follower) gives way to the
     * backup while away; other followers who are away are left out.
     */
    private Set<UUID> watchers(TicketSummary t) {
        return watchers(Set.of(t.id()), Set.of(t.organizationId())).of(t);
    }

    /**
     * The watchers of a batch's tickets, with the organizations, their TAMs on duty, the
     * followers and the followers' users read once for the batch.
     */
    private Watchers watchers(Set<UUID> ticketIds, Set<UUID> organizationIds) {
        Map<UUID, Organization> orgs = accounts.organizations(organizationIds);
        Map<UUID, UUID> onDuty = accounts.tamsOnDuty(orgs.values());
        Map<UUID, List<UUID>> followers = tickets.followersOf(ticketIds);
        Set<UUID> people = new HashSet<>();
        followers.values().forEach(people::addAll);
        Map<UUID, User> users = accounts.users(people);
        return new Watchers(orgs, onDuty, followers, users);
    }

    private record Watchers(
            Map<UUID, Organization> orgs,
            Map<UUID, UUID> onDuty,
            Map<UUID, List<UUID>> followers,
            Map<UUID, User> users) {
        Set<UUID> of(TicketSummary t) {
            Set<UUID> out = new LinkedHashSet<>();
            Organization org = orgs.get(t.organizationId());
            UUID tam = org == null ? null : org.tamUserId();
            for (UUID f : followers.getOrDefault(t.id(), List.of())) {
                if (f.equals(tam)) continue;
                User u = users.get(f);
                if (u == null || u.away()) continue;
                out.add(f);
            }
            UUID duty = onDuty.get(t.organizationId());
            if (duty != null) out.add(duty);
            return out;
        }
    }
}
