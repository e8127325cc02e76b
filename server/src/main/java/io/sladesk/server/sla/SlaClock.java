package io.sladesk.server.sla;

import io.sladesk.calendar.WorkCalendar;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.EscalationLevel;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.Target;
import io.sladesk.server.sla.Progress.Pause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One SLA clock of one ticket: the rules of sla.md as plain Java. It owns its
 * transitions and records each as a history entry of data (type, due instants, target,
 * calendar, plan, reason), which the timeline puts into words when read. Callers hold the
 * clock's row lock, pass the instant of the change, and save.
 */
final class SlaClock {
    final UUID ticketId;
    final Metric metric;
    final UUID organizationId;
    final Instant startedAt;
    UUID policyId;
    Severity severity;
    Target target;
    UUID calendarId;
    final List<Pause> pauses;
    Instant pausedSince;
    Instant dueAt;
    Instant dueFloor;
    Instant stoppedAt;
    Boolean met;
    Instant breachedAt;
    Instant breachDueAt;
    Instant warnedAt;
    int escalationLevel;

    private final List<ClockEvent> recorded = new ArrayList<>();
    /** Events for other modules, published when the clock is saved. */
    private final List<Happened> happened = new ArrayList<>();

    SlaClock(
            UUID ticketId,
            Metric metric,
            UUID organizationId,
            Instant startedAt,
            UUID policyId,
            Severity severity,
            Target target,
            UUID calendarId,
            List<Pause> pauses,
            Instant pausedSince,
            Instant dueAt,
            Instant dueFloor,
            Instant stoppedAt,
            Boolean met,
            Instant breachedAt,
            Instant breachDueAt,
            Instant warnedAt,
            int escalationLevel) {
        this.ticketId = ticketId;
        this.metric = metric;
        this.organizationId = organizationId;
        this.startedAt = startedAt;
        this.policyId = policyId;
        this.severity = severity;
        this.target = target;
        this.calendarId = calendarId;
        this.pauses = new ArrayList<>(pauses);
        this.pausedSince = pausedSince;
        this.dueAt = dueAt;
        this.dueFloor = dueFloor;
        this.stoppedAt = stoppedAt;
        this.met = met;
        this.breachedAt = breachedAt;
        this.breachDueAt = breachDueAt;
        this.warnedAt = warnedAt;
        this.escalationLevel = escalationLevel;
    }

    /** A new running clock, started at the ticket's creation (or imported creation) instant. */
    static SlaClock start(UUID ticketId, Metric metric, UUID organizationId, Instant at, Schedule schedule) {
        SlaClock c = new SlaClock(
                ticketId,
                metric,
                organizationId,
                at,
                schedule.policyId(),
                schedule.severity(),
                schedule.target(),
                schedule.calendar().storedId(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0);
        c.dueAt = c.progress(schedule).due();
        Map<String, Object> data = c.terms(schedule);
        data.put("dueAt", c.dueAt.toString());
        c.record(at, "clock.started", data);
        return c;
    }

    /** A re-evaluation request's clock names its request in its first history entry. */
    void startedFor(UUID reevaluationId) {
        recorded.get(0).data().put("reevaluationId", reevaluationId.toString());
    }

    boolean isStopped() {
        return stoppedAt != null;
    }

    boolean isPaused() {
        return pausedSince != null && stoppedAt == null;
    }

    boolean isRunning() {
        return stoppedAt == null && pausedSince == null;
    }

    /** Waiting on the customer: the clock stops counting until they answer. */
    void pause(Instant at, Schedule schedule) {
        if (!isRunning()) return;
        pausedSince = at;
        Progress p = progress(schedule);
        dueAt = p.due();
        Map<String, Object> data = new LinkedHashMap<>();
        if (p.remaining() != null) data.put("remaining", p.remaining().toString());
        if (p.due() != null) data.put("dueAt", p.due().toString());
        record(at, "clock.paused", data);
    }

    void resume(Instant at, Schedule schedule, ClockReason why) {
        if (!isPaused()) return;
        pauses.add(new Pause(pausedSince, at));
        pausedSince = null;
        dueAt = progress(schedule).due();
        record(at, "clock.resumed", Map.of("dueAt", dueAt.toString(), "reason", why.wire()));
    }

    /**
     * Stops the clock: met if and only if it stops at or before its due instant and no
     * breach was recorded. A late stop records the breach if nothing had yet.
     */
    void stop(Instant at, Schedule schedule, ClockReason why) {
        if (isStopped()) return;
        if (pausedSince != null) {
            pauses.add(new Pause(pausedSince, at));
            pausedSince = null;
        }
        Progress p = progress(schedule);
        dueAt = p.due();
        stoppedAt = at;
        met = breachedAt == null && !at.isAfter(dueAt);
        Map<String, Object> data = Map.of("dueAt", dueAt.toString(), "reason", why.wire());
        if (met) {
            record(at, "clock.met", data);
        } else {
            if (breachedAt == null) breach(at, dueAt, false);
            record(at, "clock.stopped", data);
        }
    }

    /** A reopened ticket resumes the same clock; the time it spent solved counts as paused. */
    void reopen(Instant at, Schedule schedule) {
        if (!isStopped()) return;
        pauses.add(new Pause(stoppedAt, at));
        stoppedAt = null;
        met = null;
        dueAt = progress(schedule).due();
        record(at, "clock.resumed", Map.of("dueAt", dueAt.toString(), "reason", ClockReason.REOPENED.wire()));
    }

    /**
     * Holds the clock to a new target (severity or policy change), measured from the
     * original start with every pause kept. A stopped clock keeps its result. A due instant
     * already past is a breach now, unless the upgrade grace, which only softens a change
     * that shortens the target, moves it to at least the change plus the grace.
     */
    void retarget(Instant at, Schedule previous, Schedule schedule, ClockReason why, String note) {
        if (isStopped()) return;
        // a running clock already past its due instant has breached, whether or not its timer
        // has fired yet: a change (say, a downgrade) must not erase that
        if (breachedAt == null && dueAt != null && dueAt.isBefore(at)) breach(at, dueAt, false);
        Instant before = dueAt;
        Progress was = progress(previous);
        Instant wouldHaveBeen = dueIfResumedAt(at, previous.calendar().arithmetic(), was);
        Severity fromSeverity = severity;
        severity = schedule.severity();
        target = schedule.target();
        policyId = schedule.policyId();
        calendarId = schedule.calendar().storedId();
        Progress p = progressWithoutFloor(schedule);
        Instant candidate = dueIfResumedAt(at, schedule.calendar().arithmetic(), p);
        boolean shortened = candidate.isBefore(wouldHaveBeen);
        if (shortened && !schedule.upgradeGrace().isZero()) {
            Instant floor = at.plus(schedule.upgradeGrace());
            if (dueFloor == null || floor.isAfter(dueFloor)) dueFloor = floor;
        } else if (candidate.isAfter(wouldHaveBeen)) {
            dueFloor = null; // grace never lengthens a target that grew anyway
        }
        Progress now = progress(schedule);
        dueAt = now.due();
        boolean unchanged = fromSeverity == severity
                && java.util.Objects.equals(before, dueAt)
                && java.util.Objects.equals(was.remaining(), now.remaining());
        if (unchanged) {
            // nothing a reader would notice (say, a holiday after the due date): no history entry
            if (breachedAt == null && dueAt != null && dueAt.isBefore(at)) breach(at, dueAt, false);
            return;
        }
        Map<String, Object> data = terms(schedule);
        data.put("from", fromSeverity.wire());
        data.put("to", severity.wire());
        if (dueAt != null) data.put("dueAt", dueAt.toString());
        else data.put("remaining", now.remaining().toString());
        if (before != null) data.put("previousDueAt", before.toString());
        data.put("reason", why.wire());
        if (note != null) data.put("note", note);
        record(at, "clock.retargeted", data);
        if (breachedAt == null && dueAt != null && dueAt.isBefore(at)) breach(at, dueAt, false);
    }

    /** Records a breach found at once (import, retarget): at the instant it was found. */
    void breachIfPast(Instant now) {
        if (breachedAt == null && stoppedAt == null && dueAt != null && dueAt.isBefore(now)) breach(now, dueAt, false);
    }

    // ---- timers

    /**
     * The events this clock is waiting for, with the instants they fire: recomputed after
     * every change. Nothing fires while the clock is paused or stopped. A breach fires one
     * millisecond after the due instant, since a clock stopped at its due instant is met.
     * Escalation levels (resolution only) count their offsets in working time of the
     * target's calendar from the breach's due instant.
     */
    List<Timer> timers(Schedule s) {
        if (!isRunning() || dueAt == null) return List.of();
        List<Timer> out = new ArrayList<>();
        WorkCalendar cal = s.calendar().arithmetic();
        Duration size = size(s);
        // a warning is "at risk": once the clock has breached there is nothing left to warn of,
        // so a breach found first (import, retarget) leaves no warning to follow it
        if (warnedAt == null && breachedAt == null) {
            Duration used = Duration.ofMillis(Math.round(size.toMillis() * s.warningShare()));
            Instant warnAt =
                    Progress.ofDuration(cal, startedAt, used, pauses, null).due();
            if (warnAt != null && warnAt.isBefore(dueAt)) out.add(new Timer(Timer.Kind.WARNING, 0, warnAt, warnAt));
        }
        Instant base = breachDueAt != null ? breachDueAt : dueAt;
        if (breachedAt == null) out.add(new Timer(Timer.Kind.BREACH, 0, dueAt.plusMillis(1), dueAt));
        if (metric == Metric.RESOLUTION) {
            for (EscalationLevel l : s.ladder()) {
                if (l.level() <= escalationLevel) continue;
                Duration offset = l.afterBreach() != null
                        ? l.afterBreach()
                        : Duration.ofMillis(Math.round(size.toMillis() * l.afterBreachShare()));
                Instant at = offset.isZero() ? base : cal.add(base, offset);
                Instant fire = at.isAfter(base) ? at : base.plusMillis(1);
                out.add(new Timer(Timer.Kind.ESCALATION, l.level(), fire, at));
            }
        }
        return out;
    }

    /** The target's size in working time: the duration, or the business days' working time. */
    private Duration size(Schedule s) {
        Target t = s.target();
        if (!t.isBusinessDays()) return t.duration();
        WorkCalendar cal = s.calendar().arithmetic();
        return cal.between(startedAt, cal.addBusinessDays(startedAt, t.businessDays()));
    }

    /** The warning share of the target is used up. Fires once per clock. */
    boolean warn(Instant at, Schedule s) {
        if (warnedAt != null || !isRunning()) return false;
        warnedAt = at;
        happened.add(new Happened.Warned(metric, dueAt, at));
        record(at, "clock.warned", Map.of("dueAt", dueAt.toString(), "share", s.warningShare()));
        return true;
    }

    /** The timer found the clock past its due instant: the breach, detected at {@code at}. */
    boolean breachDetected(Instant at, Schedule s) {
        if (breachedAt != null || !isRunning() || dueAt == null || !at.isAfter(dueAt)) return false;
        breach(at, dueAt, true);
        return true;
    }

    /** An escalation level reached; levels only go up. */
    boolean reachLevel(int level) {
        if (level <= escalationLevel || isStopped()) return false;
        escalationLevel = level;
        return true;
    }

    private void breach(Instant at, Instant due, boolean byTimer) {
        breachedAt = at;
        breachDueAt = due;
        happened.add(new Happened.Breached(metric, due, at, byTimer));
        record(at, "clock.breached", Map.of("dueAt", due.toString()));
    }

    /** What the clock did that other modules hear of; {@link Clocks} publishes it with the ticket. */
    sealed interface Happened {
        record Warned(Metric metric, Instant dueAt, Instant at) implements Happened {}

        record Breached(Metric metric, Instant dueAt, Instant at, boolean byTimer) implements Happened {}
    }

    ClockStatus status(Instant now) {
        if (isStopped()) return Boolean.TRUE.equals(met) ? ClockStatus.MET : ClockStatus.BREACHED;
        if (breachedAt != null) return ClockStatus.BREACHED;
        if (dueAt != null && dueAt.isBefore(now)) return ClockStatus.BREACHED;
        if (isPaused()) return ClockStatus.PAUSED;
        return ClockStatus.RUNNING;
    }

    /** The clock as shown; the schedule is looked up only for a paused clock's remaining time. */
    ClockView view(Instant now, java.util.function.Supplier<Schedule> schedule) {
        Duration remaining =
                isPaused() && dueAt == null ? progress(schedule.get()).remaining() : null;
        return new ClockView(
                target,
                isPaused() && dueAt == null ? null : dueAt,
                remaining,
                status(now),
                startedAt,
                stoppedAt,
                breachedAt,
                breachDueAt);
    }

    // ---- arithmetic

    Progress progress(Schedule schedule) {
        Progress p = progressWithoutFloor(schedule);
        if (p.due() != null && dueFloor != null && p.due().isBefore(dueFloor)) return new Progress(dueFloor, null);
        return p;
    }

    private Progress progressWithoutFloor(Schedule schedule) {
        WorkCalendar cal = schedule.calendar().arithmetic();
        Instant openPause = stoppedAt == null ? pausedSince : null;
        Target t = schedule.target();
        return t.isBusinessDays()
                ? Progress.ofDueInstant(
                        cal, startedAt, cal.addBusinessDays(startedAt, t.businessDays()), pauses, openPause)
                : Progress.ofDuration(cal, startedAt, t.duration(), pauses, openPause);
    }

    private static Instant dueIfResumedAt(Instant at, WorkCalendar cal, Progress p) {
        return p.due() != null ? p.due() : cal.add(at, p.remaining());
    }

    // ---- history

    /** What the clock is held to, as its history keeps it: severity, plan, policy, target and calendar. */
    private Map<String, Object> terms(Schedule s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("severity", s.severity().wire());
        if (s.planId() != null) data.put("planId", s.planId().toString());
        data.put("policyId", s.policyId().toString());
        data.put("target", io.sladesk.server.policy.Policies.storedTargetJson(s.target()));
        if (s.calendar().storedId() != null)
            data.put("calendarId", s.calendar().storedId().toString());
        return data;
    }

    private void record(Instant at, String type, Map<String, Object> data) {
        recorded.add(new ClockEvent(0, UUID.randomUUID(), ticketId, metric, at, type, data));
    }

    List<Happened> drainHappened() {
        List<Happened> out = List.copyOf(happened);
        happened.clear();
        return out;
    }

    List<ClockEvent> drainEvents() {
        List<ClockEvent> out = List.copyOf(recorded);
        recorded.clear();
        return out;
    }
}
