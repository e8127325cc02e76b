package io.sladesk.server.sla;

import io.micrometer.core.instrument.MeterRegistry;
import io.sladesk.server.account.Organization;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.EscalationLevel;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.Policy;
import io.sladesk.server.ticket.TicketEvents.MessagePosted;
import io.sladesk.server.ticket.TicketEvents.SeverityChanged;
import io.sladesk.server.ticket.TicketEvents.StatusChanged;
import io.sladesk.server.ticket.TicketEvents.TicketCreated;
import io.sladesk.server.ticket.TicketStatus;
import io.sladesk.server.ticket.Tickets;
import io.sladesk.server.ticket.Visibility;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The SLA module's facade. Ticket events drive the clocks synchronously, inside the
 * transaction that changed the ticket, so a ticket and its clocks never disagree, even
 * for an instant, and a crash loses neither.
 */
@Service
public class Clocks {
    private final ClockStore store;
    private final Schedules schedules;
    private final Tickets tickets;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final io.micrometer.core.instrument.Timer detectionLag;

    Clocks(
            ClockStore store,
            Schedules schedules,
            Tickets tickets,
            Clock clock,
            ApplicationEventPublisher events,
            MeterRegistry meters) {
        this.store = store;
        this.schedules = schedules;
        this.tickets = tickets;
        this.clock = clock;
        this.events = events;
        // how long after its due instant each timer-detected breach was recorded
        this.detectionLag = io.micrometer.core.instrument.Timer.builder("sla_breach_detection_lag")
                .description("Time from a clock's due instant to the timer recording its breach")
                .publishPercentileHistogram()
                .register(meters);
    }

    // ---- driven by ticket events

    /** First, so that later listeners of the same event (emails) find the clocks started. */
    @EventListener
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    void on(TicketCreated e) {
        Instant now = clock.instant();
        for (Metric metric : Metric.OF_TICKETS) {
            Schedule s = schedules.current(e.organizationId(), e.severity(), metric);
            SlaClock c = SlaClock.start(e.ticketId(), metric, e.organizationId(), e.createdAt(), s);
            // an import may arrive with its clocks already past due: that breach is recorded now
            if (e.imported()) c.breachIfPast(now, s);
            store.save(c, c.timers(s), now);
        }
        project(e.ticketId());
        // a breach found at once escalates at once: every level whose instant has passed
        if (e.imported()) fireDue(e.ticketId(), now);
    }

    @EventListener
    void on(MessagePosted e) {
        if (e.byStaff() && e.visibility() == Visibility.PUBLIC) {
            change(e.ticketId(), Metric.FIRST_RESPONSE, (c, s) -> c.stop(e.at(), s, "first public reply by support"));
        }
    }

    @EventListener
    void on(StatusChanged e) {
        Instant at = e.at();
        if (e.to() == TicketStatus.SOLVED) {
            change(e.ticketId(), Metric.FIRST_RESPONSE, (c, s) -> c.stop(at, s, "solved without a public reply"));
            change(e.ticketId(), Metric.RESOLUTION, (c, s) -> c.stop(at, s, "solved"));
        } else if (e.from() == TicketStatus.SOLVED && e.to() == TicketStatus.OPEN) {
            change(e.ticketId(), Metric.RESOLUTION, (c, s) -> c.reopen(at, s));
        } else if (e.to() == TicketStatus.PENDING) {
            change(e.ticketId(), Metric.RESOLUTION, (c, s) -> c.pause(at, s));
        } else if (e.from() == TicketStatus.PENDING) {
            String why = e.to() == TicketStatus.OPEN ? "the customer answered" : "no longer waiting on the customer";
            change(e.ticketId(), Metric.RESOLUTION, (c, s) -> c.resume(at, s, why));
        }
    }

    /** A re-evaluation request runs its own clock, held to the requested severity's first response. */
    @EventListener
    void on(io.sladesk.server.ticket.TicketEvents.ReevaluationRequested e) {
        Instant now = clock.instant();
        Schedule s = schedules.current(e.organizationId(), e.requested(), Metric.REEVALUATION);
        // replaces an earlier request's stopped clock; its history stays
        SlaClock c = SlaClock.start(e.ticketId(), Metric.REEVALUATION, e.organizationId(), e.at(), s);
        store.save(c, c.timers(s), now);
        project(e.ticketId());
    }

    @EventListener
    void on(io.sladesk.server.ticket.TicketEvents.ReevaluationClosed e) {
        change(e.ticketId(), Metric.REEVALUATION, (c, s) -> c.stop(e.at(), s, "request " + e.status()));
    }

    @EventListener
    void on(SeverityChanged e) {
        for (SlaClock c : store.lock(e.ticketId())) {
            if (c.metric == Metric.REEVALUATION) continue; // held to the severity asked for, not the ticket's
            Schedule before = schedules.stored(c);
            Schedule after = schedules.current(c.organizationId, e.to(), c.metric);
            c.retarget(
                    e.at(), before, after, "severity " + e.from().wire() + " → " + e.to().wire() + ": " + e.reason());
            store.save(c, c.timers(after), clock.instant());
        }
        project(e.ticketId());
        fireDue(e.ticketId(), clock.instant());
    }

    private interface Change {
        void apply(SlaClock clock, Schedule schedule);
    }

    private void change(UUID ticketId, Metric metric, Change change) {
        store.lock(ticketId, metric).ifPresent(c -> {
            Schedule s = schedules.stored(c);
            change.apply(c, s);
            store.save(c, c.timers(s), clock.instant());
        });
        project(ticketId);
    }

    /**
     * Holds a running clock to the current policy and calendar again (after either
     * changed), recording the retarget in its history. Returns whether it was running.
     */
    boolean recompute(SlaClock c, String why) {
        if (c.isStopped()) return false;
        Schedule before = schedules.stored(c);
        Schedule after = schedules.current(c.organizationId, c.severity, c.metric);
        c.retarget(clock.instant(), before, after, why);
        store.save(c, c.timers(after), clock.instant());
        project(c.ticketId);
        return true;
    }

    /**
     * Applies a ticket's due timers, in order, under its row lock (the caller holds it):
     * warnings, the breach (with its detection lag measured), escalation levels. Each one
     * happens once: a fired event is recorded on the clock, so its timer is not planned
     * again. Returns how many events happened.
     */
    int fireDue(UUID ticketId, Instant now) {
        List<ClockStore.DueTimer> due = store.dueTimers(ticketId, now);
        if (due.isEmpty()) return 0;
        Map<Metric, SlaClock> byMetric = new EnumMap<>(Metric.class);
        for (SlaClock c : store.lock(ticketId)) byMetric.put(c.metric, c);
        Map<Metric, Schedule> touched = new EnumMap<>(Metric.class);
        int fired = 0;
        // escalations are told after the clocks are saved, so the breach is recorded first
        List<ClockEvents.EscalationDue> escalations = new java.util.ArrayList<>();
        for (ClockStore.DueTimer d : due) {
            SlaClock c = byMetric.get(d.metric());
            Schedule s = touched.computeIfAbsent(d.metric(), m -> schedules.stored(c));
            Timer t = d.timer();
            boolean happened = switch (t.kind()) {
                case WARNING -> c.warn(now, s);
                case BREACH -> {
                    boolean b = c.breachDetected(now, s);
                    if (b) recordLagAfterCommit(Duration.between(t.dueAt(), now));
                    yield b;
                }
                case ESCALATION -> {
                    boolean up = c.reachLevel(t.level());
                    if (up) {
                        escalations.add(new ClockEvents.EscalationDue(
                                ticketId, t.level(), t.dueAt(), now, actions(s, t.level())));
                    }
                    yield up;
                }
            };
            if (happened) fired++;
        }
        for (Map.Entry<Metric, Schedule> e : touched.entrySet()) {
            SlaClock c = byMetric.get(e.getKey());
            store.save(c, c.timers(e.getValue()), now);
        }
        escalations.forEach(events::publishEvent);
        project(ticketId);
        return fired;
    }

    /** Counted only once the breach is committed, so a batch rolled back by a crash counts nothing. */
    private void recordLagAfterCommit(Duration lag) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                detectionLag.record(lag);
            }
        });
    }

    private static List<String> actions(Schedule s, int level) {
        return s.ladder().stream()
                .filter(l -> l.level() == level)
                .findFirst()
                .map(EscalationLevel::actions)
                .orElse(List.of());
    }

    /** Keeps the ticket's queue position and breached flag in step with its clocks. */
    private void project(UUID ticketId) {
        List<SlaClock> clocks = store.of(List.of(ticketId));
        Instant next = clocks.stream()
                .filter(SlaClock::isRunning)
                .map(c -> c.dueAt)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
        boolean breached = clocks.stream().anyMatch(c -> c.breachedAt != null || Boolean.FALSE.equals(c.met));
        tickets.recordSlaState(ticketId, next, breached);
    }

    // ---- reads

    /** The clocks of these tickets, as the API shows them. */
    public Map<UUID, SlaView> views(Collection<UUID> ticketIds) {
        Instant now = clock.instant();
        Map<UUID, Map<Metric, ClockView>> byTicket = new HashMap<>();
        for (SlaClock c : store.of(ticketIds)) {
            byTicket.computeIfAbsent(c.ticketId, k -> new EnumMap<>(Metric.class))
                    .put(c.metric, c.view(now, () -> schedules.stored(c)));
        }
        Map<UUID, SlaView> out = new HashMap<>();
        byTicket.forEach((id, m) -> out.put(id, new SlaView(m.get(Metric.FIRST_RESPONSE), m.get(Metric.RESOLUTION))));
        return out;
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
            c.retarget(now, before, after, "what if"); // on a copy read for this answer, never saved
            out.put(c.metric, c.view(now, () -> after));
        }
        return out;
    }

    /** Every clock event of a ticket, oldest first. */
    public List<ClockEvent> history(UUID ticketId) {
        return store.history(ticketId);
    }

    /** The due instants a ticket of this severity, opened at {@code start}, would get. */
    public Map<Metric, Instant> preview(
            Organization org, String planName, Policy policy, Severity severity, Instant start) {
        Map<Metric, Instant> out = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.OF_TICKETS) {
            Schedule s = schedules.of(org, planName, policy, severity, metric);
            SlaClock c = SlaClock.start(new UUID(0, 0), metric, org == null ? null : org.id(), start, s);
            out.put(metric, c.dueAt);
        }
        return out;
    }
}
