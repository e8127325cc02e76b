package io.sladesk.server.sla;

import io.sladesk.calendar.WorkCalendar;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.EscalationLevel;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.Target;
import io.sladesk.server.sla.Progress.Pause;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One SLA clock of one ticket: the rules of sla.md as plain Java. It owns its
 * transitions and records each as a history entry with an explanation a customer can
 * read. Callers hold the clock's row lock, pass the instant of the change, and save.
 */
final class SlaClock {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter WHEN_SECONDS =
            DateTimeFormatter.ofPattern("EEE d MMM HH:mm:ss", Locale.ENGLISH);

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
    private final List<Object> happened = new ArrayList<>();

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
        c.record(at, "clock.started", c.explain(schedule), Map.of("dueAt", c.dueAt.toString()));
        return c;
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
        record(
                at,
                "clock.paused",
                metric.label() + " clock paused while waiting on the customer"
                        + (p.remaining() == null ? "" : "; " + human(p.remaining()) + " of working time left"),
                Map.of());
    }

    void resume(Instant at, Schedule schedule, String why) {
        if (!isPaused()) return;
        pauses.add(new Pause(pausedSince, at));
        pausedSince = null;
        dueAt = progress(schedule).due();
        record(
                at,
                "clock.resumed",
                metric.label() + " clock resumed (" + why + "): due " + when(dueAt, schedule),
                Map.of("dueAt", dueAt.toString()));
    }

    /**
     * Stops the clock: met if and only if it stops at or before its due instant and no
     * breach was recorded. A late stop records the breach if nothing had yet.
     */
    void stop(Instant at, Schedule schedule, String why) {
        if (isStopped()) return;
        if (pausedSince != null) {
            pauses.add(new Pause(pausedSince, at));
            pausedSince = null;
        }
        Progress p = progress(schedule);
        dueAt = p.due();
        stoppedAt = at;
        met = breachedAt == null && !at.isAfter(dueAt);
        if (met) {
            record(
                    at,
                    "clock.met",
                    metric.label() + " met: " + why + " at " + when(at, schedule) + ", due " + when(dueAt, schedule),
                    Map.of());
        } else {
            if (breachedAt == null) breach(at, dueAt, schedule, false);
            record(
                    at,
                    "clock.stopped",
                    metric.label() + " stopped late: " + why + " at " + when(at, schedule) + ", it was due "
                            + when(dueAt, schedule),
                    Map.of());
        }
    }

    /** A reopened ticket resumes the same clock; the time it spent solved counts as paused. */
    void reopen(Instant at, Schedule schedule) {
        if (!isStopped()) return;
        pauses.add(new Pause(stoppedAt, at));
        stoppedAt = null;
        met = null;
        dueAt = progress(schedule).due();
        record(
                at,
                "clock.resumed",
                metric.label() + " clock resumed on reopening; the time solved counts as paused: due "
                        + when(dueAt, schedule),
                Map.of("dueAt", dueAt.toString()));
    }

    /**
     * Holds the clock to a new target (severity or policy change), measured from the
     * original start with every pause kept. A stopped clock keeps its result. A due instant
     * already past is a breach now, unless the upgrade grace, which only softens a change
     * that shortens the target, moves it to at least the change plus the grace.
     */
    void retarget(Instant at, Schedule previous, Schedule schedule, String why) {
        if (isStopped()) return;
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
            if (breachedAt == null && dueAt != null && dueAt.isBefore(at)) breach(at, dueAt, schedule, false);
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", fromSeverity.wire());
        data.put("to", severity.wire());
        if (dueAt != null) data.put("dueAt", dueAt.toString());
        if (before != null) data.put("previousDueAt", before.toString());
        record(
                at,
                "clock.retargeted",
                metric.label() + " retargeted (" + why + "): "
                        + (dueAt == null
                                ? "paused, " + human(progress(schedule).remaining()) + " left"
                                : "due " + when(dueAt, schedule))
                        + "; " + explainTarget(schedule),
                data);
        if (breachedAt == null && dueAt != null && dueAt.isBefore(at)) breach(at, dueAt, schedule, false);
    }

    /** Records a breach found at once (import, retarget): at the instant it was found. */
    void breachIfPast(Instant now, Schedule schedule) {
        if (breachedAt == null && stoppedAt == null && dueAt != null && dueAt.isBefore(now))
            breach(now, dueAt, schedule, false);
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
        // a warning is never lost, even when the breach was found first (import, retarget)
        if (warnedAt == null) {
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
        happened.add(new ClockEvents.ClockWarned(ticketId, metric, dueAt, at));
        record(
                at,
                "clock.warned",
                metric.label() + " at risk: " + Math.round(s.warningShare() * 100) + " % of the target used, due "
                        + when(dueAt, s),
                Map.of("dueAt", dueAt.toString()));
        return true;
    }

    /** The timer found the clock past its due instant: the breach, detected at {@code at}. */
    boolean breachDetected(Instant at, Schedule s) {
        if (breachedAt != null || !isRunning() || dueAt == null || !at.isAfter(dueAt)) return false;
        breach(at, dueAt, s, true);
        return true;
    }

    /** An escalation level reached; levels only go up. */
    boolean reachLevel(int level) {
        if (level <= escalationLevel || isStopped()) return false;
        escalationLevel = level;
        return true;
    }

    private void breach(Instant at, Instant due, Schedule schedule, boolean byTimer) {
        breachedAt = at;
        breachDueAt = due;
        happened.add(new ClockEvents.ClockBreached(ticketId, metric, due, at, byTimer));
        record(
                at,
                "clock.breached",
                metric.label() + " breached: it was due " + when(due, schedule),
                Map.of("dueAt", due.toString()));
    }

    String status(Instant now) {
        if (isStopped()) return Boolean.TRUE.equals(met) ? "met" : "breached";
        if (breachedAt != null) return "breached";
        if (dueAt != null && dueAt.isBefore(now)) return "breached";
        if (isPaused()) return "paused";
        return "running";
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
                breachedAt);
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

    // ---- words

    private String explain(Schedule s) {
        return metric.label() + " due " + when(dueAt, s) + ": opened " + when(startedAt, s) + ", " + explainTarget(s);
    }

    private String explainTarget(Schedule s) {
        String on = s.target().isBusinessDays() ? "" : " (" + s.calendar().description() + ")";
        if (!s.target().isBusinessDays()
                && s.calendar().storedId() == null
                && s.calendar().description().equals("business days")) {
            on = " of business days";
        }
        return s.severity().wire() + ", " + s.planName() + " plan, "
                + s.target().describe() + on;
    }

    static String when(Instant i, Schedule s) {
        ZoneId zone = s.calendar().displayZone();
        var local = i.atZone(zone);
        // seconds only when they matter (targets as short as PT5S exist)
        return (local.getSecond() == 0 ? WHEN : WHEN_SECONDS).format(local) + " " + zone.getId();
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
        if (s >= 60) return (s / 60) + " min " + (s % 60) + " s";
        return s + " s";
    }

    private void record(Instant at, String type, String detail, Map<String, Object> data) {
        recorded.add(new ClockEvent(0, UUID.randomUUID(), ticketId, metric, at, type, detail, data));
    }

    List<Object> drainHappened() {
        List<Object> out = List.copyOf(happened);
        happened.clear();
        return out;
    }

    List<ClockEvent> drainEvents() {
        List<ClockEvent> out = List.copyOf(recorded);
        recorded.clear();
        return out;
    }
}
