package io.sladesk.server.sla;

import io.micrometer.core.instrument.MeterRegistry;
import io.sladesk.server.account.Organization;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.EscalationLevel;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.Policy;
import io.sladesk.server.ticket.ReevaluationStatus;
import io.sladesk.server.ticket.TicketEvents.MessagePosted;
import io.sladesk.server.ticket.TicketEvents.ReevaluationClosed;
import io.sladesk.server.ticket.TicketEvents.ReevaluationRequested;
import io.sladesk.server.ticket.TicketEvents.SeverityChanged;
import io.sladesk.server.ticket.TicketEvents.StatusChanged;
import io.sladesk.server.ticket.TicketEvents.TicketCreated;
import io.sladesk.server.ticket.TicketStatus;
import io.sladesk.server.ticket.TicketSummary;
import io.sladesk.server.ticket.Tickets;
import io.sladesk.server.ticket.Visibility;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The SLA module's facade. Ticket events drive the clocks synchronously, inside the
 * transaction that changed the ticket, so a ticket and its clocks never disagree, even
 * for an instant, and a crash loses neither. The module owns each ticket's SLA state (its
 * clocks, their history and the per-ticket read model {@code sla_tickets} that queues join);
 * the ticket module keeps no copy of it.
 */
@Service
public class Clocks {
    private final ClockStore store;
    private final Schedules schedules;
    private final Tickets tickets;
    private final io.sladesk.server.account.Accounts accounts;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final io.micrometer.core.instrument.Timer detectionLag;

    Clocks(
            ClockStore store,
            Schedules schedules,
            Tickets tickets,
            io.sladesk.server.account.Accounts accounts,
            Clock clock,
            ApplicationEventPublisher events,
            MeterRegistry meters) {
        this.store = store;
        this.schedules = schedules;
        this.tickets = tickets;
        this.accounts = accounts;
        this.clock = clock;
        this.events = events;
        // how long after its due instant each timer-detected breach was recorded
        this.detectionLag = io.micrometer.core.instrument.Timer.builder("sla_breach_detection_lag")
                .description("Time from a clock's due instant to the timer recording its breach")
                .publishPercentileHistogram()
                .register(meters);
    }

    // ---- driven by ticket events

    @EventListener
    void on(TicketCreated e) {
        Instant now = clock.instant();
        TicketSummary t = e.ticket();
        Map<Metric, Instant> due = new EnumMap<>(Metric.class);
        List<ClockStore.Saved> started = new ArrayList<>();
        for (Metric metric : Metric.OF_TICKETS) {
            Schedule s = schedules.current(t.organizationId(), t.severity(), metric);
            SlaClock c = SlaClock.start(t.id(), metric, t.organizationId(), t.createdAt(), s);
            due.put(metric, c.dueAt);
            // an import may arrive with its clocks already past due: that breach is recorded now
            if (e.imported()) c.breachIfPast(now);
            // a new ticket has no timers stored: only its clocks' own are written
            started.add(new ClockStore.Saved(c, c.timers(s), List.of()));
        }
        // both clocks, their history and timers in one statement per table
        store.saveAll(started, now);
        for (ClockStore.Saved x : started)
            for (SlaClock.Happened h : x.clock().drainHappened()) events.publishEvent(recorded(t, h));
        store.project(t.id());
        // the promises, before anything that follows from a breach found at once
        events.publishEvent(
                new ClockEvents.ClocksStarted(t, due.get(Metric.FIRST_RESPONSE), due.get(Metric.RESOLUTION)));
        // a breach found at once escalates at once: every level whose instant has passed
        if (e.imported()) fireDue(t, now);
    }

    @EventListener
    void on(MessagePosted e) {
        if (e.byStaff() && e.visibility() == Visibility.PUBLIC) {
            change(e.ticket(), Metric.FIRST_RESPONSE, (c, s) -> c.stop(e.at(), s, ClockReason.FIRST_REPLY));
        }
    }

    @EventListener
    void on(StatusChanged e) {
        Instant at = e.at();
        TicketSummary t = e.ticket();
        if (e.to() == TicketStatus.SOLVED) {
            change(t, Metric.FIRST_RESPONSE, (c, s) -> c.stop(at, s, ClockReason.SOLVED_WITHOUT_REPLY));
            change(t, Metric.RESOLUTION, (c, s) -> c.stop(at, s, ClockReason.SOLVED));
        } else if (e.from() == TicketStatus.SOLVED && e.to() == TicketStatus.OPEN) {
            change(t, Metric.RESOLUTION, (c, s) -> c.reopen(at, s));
        } else if (e.to() == TicketStatus.PENDING) {
            change(t, Metric.RESOLUTION, (c, s) -> c.pause(at, s));
        } else if (e.from() == TicketStatus.PENDING) {
            ClockReason why =
                    e.to() == TicketStatus.OPEN ? ClockReason.CUSTOMER_ANSWERED : ClockReason.NO_LONGER_WAITING;
            change(t, Metric.RESOLUTION, (c, s) -> c.resume(at, s, why));
        }
    }

    /** A re-evaluation request runs its own clock, held to the requested severity's first response. */
    @EventListener
    void on(ReevaluationRequested e) {
        Instant now = clock.instant();
        TicketSummary t = e.ticket();
        Schedule s = schedules.current(t.organizationId(), e.requested(), Metric.REEVALUATION);
        // replaces an earlier request's stopped clock; its history stays
        SlaClock c = SlaClock.start(t.id(), Metric.REEVALUATION, t.organizationId(), e.at(), s);
        c.startedFor(e.reevaluationId());
        save(t, c, s, now);
    }

    @EventListener
    void on(ReevaluationClosed e) {
        ClockReason why = e.status() == ReevaluationStatus.ACCEPTED
                ? ClockReason.REQUEST_ACCEPTED
                : e.status() == ReevaluationStatus.DECLINED
                        ? ClockReason.REQUEST_DECLINED
                        : ClockReason.REQUEST_WITHDRAWN;
        change(e.ticket(), Metric.REEVALUATION, (c, s) -> c.stop(e.at(), s, why));
    }

    @EventListener
    void on(SeverityChanged e) {
        TicketSummary t = e.ticket();
        Instant now = clock.instant();
        for (SlaClock c : store.lock(t.id())) {
            if (c.metric == Metric.REEVALUATION) continue; // held to the severity asked for, not the ticket's
            Schedule before = schedules.stored(c);
            Schedule after = schedules.current(c.organizationId, e.to(), c.metric);
            c.retarget(e.at(), before, after, ClockReason.SEVERITY_CHANGED, e.reason());
            save(t, c, after, now);
        }
        store.project(t.id());
        fireDue(t, now);
    }

    private interface Change {
        void apply(SlaClock clock, Schedule schedule);
    }

    private void change(TicketSummary t, Metric metric, Change change) {
        store.lock(t.id(), metric).ifPresent(c -> {
            Schedule s = schedules.stored(c);
            change.apply(c, s);
            save(t, c, s, clock.instant());
        });
        if (metric != Metric.REEVALUATION) store.project(t.id()); // the read model counts tickets' clocks only
    }

    /**
     * Holds a batch of running clocks to the current policy and calendar again (after a
     * change of the kind a recompute job names: "calendar", "policy", or "organization" when
     * its plan moved to another policy), recording each retarget in its clock's history,
     * set-based: the clocks' timers are read in one statement, each clock is retargeted by
     * its own rules in memory, then each table is written once for the batch (only the
     * timers that differ), and the read model once. The caller holds the clocks' locks.
     * Returns how many were running.
     */
    int recomputeAll(List<SlaClock> batch, String kind) {
        ClockReason why = switch (kind) {
            case "calendar" -> ClockReason.CALENDAR_CHANGED;
            case "organization" -> ClockReason.ORGANIZATION_CHANGED;
            default -> ClockReason.POLICY_CHANGED;
        };
        Instant now = clock.instant();
        List<SlaClock> running = batch.stream().filter(c -> !c.isStopped()).toList();
        if (running.isEmpty()) return 0;
        Set<UUID> ids = new java.util.LinkedHashSet<>();
        for (SlaClock c : running) ids.add(c.ticketId);
        Map<UUID, List<ClockStore.DueTimer>> timers = store.timers(ids);
        List<ClockStore.Saved> saved = new ArrayList<>(running.size());
        Map<SlaClock, List<SlaClock.Happened>> happened = new java.util.LinkedHashMap<>();
        for (SlaClock c : running) {
            Schedule before = schedules.stored(c);
            Schedule after = schedules.current(c.organizationId, c.severity, c.metric);
            c.retarget(now, before, after, why, null);
            List<Timer> stored = timers.getOrDefault(c.ticketId, List.of()).stream()
                    .filter(d -> d.metric() == c.metric)
                    .map(ClockStore.DueTimer::timer)
                    .toList();
            saved.add(new ClockStore.Saved(c, c.timers(after), stored));
            List<SlaClock.Happened> h = c.drainHappened();
            if (!h.isEmpty()) happened.put(c, h);
        }
        store.saveAll(saved, now);
        store.projectAll(ids);
        if (!happened.isEmpty()) {
            // a retarget that finds a due instant already past records a breach: told like any other
            Map<UUID, TicketSummary> summaries = tickets.summaries(
                    happened.keySet().stream().map(c -> c.ticketId).collect(java.util.stream.Collectors.toSet()));
            happened.forEach((c, list) -> {
                TicketSummary t = summaries.get(c.ticketId);
                if (t != null) for (SlaClock.Happened h : list) events.publishEvent(recorded(t, h));
            });
        }
        return running.size();
    }

    /** Saves a clock with its timers planned anew, then tells other modules what it did. */
    private void save(TicketSummary t, SlaClock c, Schedule s, Instant now) {
        store.save(c, c.timers(s), now);
        for (SlaClock.Happened h : c.drainHappened()) events.publishEvent(recorded(t, h));
    }

    private static ClockEvents.Recorded recorded(TicketSummary t, SlaClock.Happened h) {
        if (h instanceof SlaClock.Happened.Warned w)
            return new ClockEvents.ClockWarned(t, w.metric(), w.dueAt(), w.at());
        SlaClock.Happened.Breached b = (SlaClock.Happened.Breached) h;
        return new ClockEvents.ClockBreached(t, b.metric(), b.dueAt(), b.at(), b.byTimer());
    }

    /**
     * Applies a ticket's due timers, in order, under its row lock (the caller holds it):
     * warnings, the breach (with its detection lag measured), escalation levels. Each one
     * happens once: a fired event is recorded on the clock, so its timer is not planned
     * again. Returns how many events happened.
     */
    int fireDue(UUID ticketId, Instant now) {
        return fireDue(List.of(ticketId), now);
    }

    /**
     * {@link #fireDue(UUID, Instant)} of a batch of tickets whose row locks the caller
     * holds, set-based: their clocks (locked), their timers and the tickets are read in one
     * statement each; the transitions are computed in memory by each clock's own rules,
     * ticket by ticket in the order given; then each table is written once for the batch
     * (clocks, history, timers, the read model) and one {@link ClockEvents.TimersFired}
     * tells the other modules what happened, for them to do their work per batch too.
     * Returns how many events happened.
     */
    int fireDue(List<UUID> ticketIds, Instant now) {
        return fire(ticketIds, null, now);
    }

    private static boolean due(ClockStore.DueTimer d, Instant now) {
        return !d.timer().fireAt().isAfter(now);
    }

    private int fireDue(TicketSummary t, Instant now) {
        // usually nothing is due (a new ticket, a severity change): one read says so, no lock taken
        boolean any = store.timers(List.of(t.id())).getOrDefault(t.id(), List.of()).stream()
                .anyMatch(d -> due(d, now));
        return any ? fire(List.of(t.id()), Map.of(t.id(), t), now) : 0;
    }

    /**
     * Locks the tickets' clocks, then reads their timers (which change only under the
     * ticket's or the clock's lock, so they agree with the clocks), fires the due ones,
     * writes what changed and tells the other modules. {@code known}: the tickets as the
     * caller has them, else they are read (once, for the tickets with timers due).
     */
    private int fire(List<UUID> order, Map<UUID, TicketSummary> known, Instant now) {
        Map<UUID, Map<Metric, SlaClock>> clocksOf = new HashMap<>();
        for (SlaClock c : store.lockAll(order)) {
            clocksOf.computeIfAbsent(c.ticketId, k -> new EnumMap<>(Metric.class))
                    .put(c.metric, c);
        }
        Map<UUID, List<ClockStore.DueTimer>> timers = store.timers(order);
        Set<UUID> firing = new java.util.HashSet<>();
        timers.forEach((id, list) -> {
            if (list.stream().anyMatch(d -> due(d, now))) firing.add(id);
        });
        if (firing.isEmpty()) return 0;
        // the one read of the tickets for this firing: every event below carries its ticket
        Map<UUID, TicketSummary> summaries = known != null ? known : tickets.summaries(firing);
        List<ClockStore.Saved> saved = new ArrayList<>();
        List<ClockEvents.Recorded> recorded = new ArrayList<>();
        // escalations are told after the clocks are saved, so the breach is recorded first
        List<ClockEvents.EscalationDue> escalations = new ArrayList<>();
        List<Duration> lags = new ArrayList<>();
        int fired = 0;
        for (UUID id : new java.util.LinkedHashSet<>(order)) {
            TicketSummary t = summaries.get(id);
            if (t == null || !firing.contains(id)) continue;
            List<ClockStore.DueTimer> all = timers.getOrDefault(id, List.of());
            Map<Metric, SlaClock> byMetric = clocksOf.getOrDefault(id, Map.of());
            Map<Metric, Schedule> touched = new EnumMap<>(Metric.class);
            for (ClockStore.DueTimer d : all) {
                if (!due(d, now)) continue;
                SlaClock c = byMetric.get(d.metric());
                if (c == null) continue;
                Schedule s = touched.computeIfAbsent(d.metric(), m -> schedules.stored(c));
                Timer timer = d.timer();
                boolean happened = switch (timer.kind()) {
                    case WARNING -> c.warn(now, s);
                    case BREACH -> {
                        boolean b = c.breachDetected(now, s);
                        if (b) lags.add(Duration.between(timer.dueAt(), now));
                        yield b;
                    }
                    case ESCALATION -> {
                        boolean up = c.reachLevel(timer.level());
                        if (up)
                            rung(s, timer.level())
                                    .ifPresent(l ->
                                            escalations.add(new ClockEvents.EscalationDue(t, l, timer.dueAt(), now)));
                        yield up;
                    }
                };
                if (happened) fired++;
            }
            for (Map.Entry<Metric, Schedule> e : touched.entrySet()) {
                SlaClock c = byMetric.get(e.getKey());
                List<Timer> stored = all.stream()
                        .filter(d -> d.metric() == c.metric)
                        .map(ClockStore.DueTimer::timer)
                        .toList();
                saved.add(new ClockStore.Saved(c, c.timers(e.getValue()), stored));
                for (SlaClock.Happened h : c.drainHappened()) recorded.add(recorded(t, h));
            }
        }
        store.saveAll(saved, now);
        store.projectAll(firing);
        recordLagsAfterCommit(lags);
        if (!recorded.isEmpty() || !escalations.isEmpty())
            events.publishEvent(new ClockEvents.TimersFired(List.copyOf(recorded), List.copyOf(escalations)));
        return fired;
    }

    /** Counted only once the breaches are committed, so a batch rolled back by a crash counts nothing. */
    private void recordLagsAfterCommit(List<Duration> lags) {
        if (lags.isEmpty()) return;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                lags.forEach(detectionLag::record);
            }
        });
    }

    private static Optional<EscalationLevel> rung(Schedule s, int level) {
        return s.ladder().stream().filter(l -> l.level() == level).findFirst();
    }

    // ---- reads

    /** The SLA state of these tickets, as the API shows it. */
    public Map<UUID, SlaView> views(Collection<UUID> ticketIds) {
        Instant now = clock.instant();
        Map<UUID, Map<Metric, SlaClock>> byTicket = new HashMap<>();
        for (SlaClock c : store.of(ticketIds)) {
            byTicket.computeIfAbsent(c.ticketId, k -> new EnumMap<>(Metric.class))
                    .put(c.metric, c);
        }
        Map<UUID, SlaView> out = new HashMap<>();
        byTicket.forEach((id, m) -> {
            SlaClock resolution = m.get(Metric.RESOLUTION);
            out.put(
                    id,
                    new SlaView(
                            view(m.get(Metric.FIRST_RESPONSE), now),
                            view(resolution, now),
                            resolution == null ? 0 : resolution.escalationLevel));
        });
        return out;
    }

    private ClockView view(SlaClock c, Instant now) {
        return c == null ? null : c.view(now, () -> schedules.stored(c));
    }

    /**
     * When each clock of these tickets warns (warned, or will): pages colour a countdown
     * once its warning share is used. One query for a page of tickets.
     */
    public Map<UUID, Map<Metric, Instant>> warnings(Collection<UUID> ticketIds) {
        return store.warnings(ticketIds);
    }

    /** The due instant of each re-evaluation request of a ticket: its clock's promise. */
    public Map<UUID, Instant> reevaluationDue(UUID ticketId) {
        return store.reevaluationDue(ticketId);
    }

    /**
     * What a severity change would do to the ticket's clocks, without doing it: each
     * clock's due instant (null while paused) after the change, measured as a real change
     * would be. Agents see this before deciding a re-evaluation.
     */
    public Map<Metric, ClockView> whatIf(UUID ticketId, Severity severity) {
        Instant now = clock.instant();
        Map<Metric, ClockView> out = new EnumMap<>(Metric.class);
        for (SlaClock c : store.of(List.of(ticketId))) {
            if (c.metric == Metric.REEVALUATION) continue;
            Schedule before = schedules.stored(c);
            Schedule after = schedules.current(c.organizationId, severity, c.metric);
            // on a copy read for this answer, never saved
            c.retarget(now, before, after, ClockReason.SEVERITY_CHANGED, null);
            out.put(c.metric, c.view(now, () -> after));
        }
        return out;
    }

    // ---- change previews

    /** How many open tickets a calendar change would retarget, with a sample: nothing is changed. */
    public ChangePreview previewCalendar(io.sladesk.server.calendars.ResolvedCalendar proposed) {
        return preview(
                "calendar_id",
                List.of(proposed.storedId()),
                new Schedules.Proposal(null, null, null, proposed),
                ClockReason.CALENDAR_CHANGED);
    }

    /** What a policy change would do to the open clocks held to the policy; nothing is changed. */
    public ChangePreview previewPolicy(Policy proposed) {
        return preview(
                "policy_id",
                List.of(proposed.id()),
                new Schedules.Proposal(null, null, proposed, null),
                ClockReason.POLICY_CHANGED);
    }

    /**
     * What a plan change would do: as the real change, only a plan held to another policy
     * retargets the clocks of its organizations. Nothing is changed.
     */
    public ChangePreview previewPlan(io.sladesk.server.account.Plan current, io.sladesk.server.account.Plan proposed) {
        if (java.util.Objects.equals(current.policyId(), proposed.policyId())) return ChangePreview.NONE;
        return preview(
                "organization_id",
                accounts.organizationsOnPlan(proposed.id()),
                new Schedules.Proposal(null, proposed, null, null),
                ClockReason.ORGANIZATION_CHANGED);
    }

    /** What an organization's new plan, time zone or calendar would do to its open clocks; nothing is changed. */
    public ChangePreview previewOrganization(Organization proposed) {
        return preview(
                "organization_id",
                List.of(proposed.id()),
                new Schedules.Proposal(proposed, null, null, null),
                ClockReason.ORGANIZATION_CHANGED);
    }

    /**
     * Retargets copies of the open clocks the real change's recomputation would take (the
     * same selection, the same {@link SlaClock#retarget} from the original start with its
     * pauses and upgrade grace), read without locks and saved nowhere: no history, no
     * timers, no events. A clock counts when its due instant (or, paused, its remaining
     * working time) would move. The sample is the soonest due first.
     */
    private ChangePreview preview(
            String column, Collection<UUID> subjects, Schedules.Proposal proposal, ClockReason why) {
        Instant now = clock.instant();
        Set<UUID> affected = new java.util.HashSet<>();
        List<ChangePreview.Sample> changed = new ArrayList<>();
        for (SlaClock c : store.openOn(column, subjects)) {
            Schedule before = schedules.stored(c);
            Schedule after = schedules.proposed(c.organizationId, c.severity, c.metric, proposal);
            Instant dueBefore = c.dueAt;
            Duration leftBefore = c.dueAt == null ? c.progress(before).remaining() : null;
            c.retarget(now, before, after, why, null);
            Duration leftAfter = c.dueAt == null ? c.progress(after).remaining() : null;
            if (java.util.Objects.equals(dueBefore, c.dueAt) && java.util.Objects.equals(leftBefore, leftAfter))
                continue;
            affected.add(c.ticketId);
            changed.add(new ChangePreview.Sample(c.ticketId, c.metric, dueBefore, c.dueAt));
        }
        changed.sort(ChangePreview.SOONEST_FIRST);
        return new ChangePreview(
                affected.size(), List.copyOf(changed.subList(0, Math.min(changed.size(), ChangePreview.SAMPLES))));
    }

    /** Every clock event of a ticket, oldest first. */
    public List<ClockEvent> history(UUID ticketId) {
        return store.history(ticketId);
    }

    /** The due instants a ticket of this severity, opened at {@code start}, would get. */
    public Map<Metric, Instant> preview(
            Organization org, UUID planId, Policy policy, Severity severity, Instant start) {
        Map<Metric, Instant> out = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.OF_TICKETS) {
            Schedule s = schedules.of(org, planId, policy, severity, metric);
            SlaClock c = SlaClock.start(new UUID(0, 0), metric, org == null ? null : org.id(), start, s);
            out.put(metric, c.dueAt);
        }
        return out;
    }

    /**
     * How an organization's first-response and resolution clocks stand at {@code now},
     * with breaches and stops counted since {@code since}. A clock is at risk while it
     * runs past its warning share (warned, or its warning due and not yet fired) and has
     * not breached; a paused clock is not at risk.
     */
    public ClockHealth health(java.util.UUID organizationId, Instant since, Instant now) {
        return store.health(organizationId, since, now);
    }
}
