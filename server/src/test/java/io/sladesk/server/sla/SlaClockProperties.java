package io.sladesk.server.sla;

import static io.sladesk.server.sla.MinuteReference.instant;
import static io.sladesk.server.sla.SeededCases.check;
import static io.sladesk.server.sla.SeededCases.same;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sladesk.server.calendars.ResolvedCalendar;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.Target;
import io.sladesk.server.sla.MinuteReference.Expected;
import io.sladesk.server.sla.MinuteReference.MinuteCalendar;
import io.sladesk.server.sla.SeededCases.Coverage;
import io.sladesk.server.sla.SeededCases.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaClock} against a model clock that applies sla.md's rules to the same random history,
 * with {@link MinuteReference}'s minute walks for the arithmetic: start, pending pauses and resumes,
 * solves (stops), reopenings (the time solved counts as paused), severity changes (retargets measured
 * from the original start, every pause kept), breach timers and late stops. After every event the
 * due instant (or the working time left while paused), the result (met, breach and the due instant
 * it missed), the status and the breach timer must be the model's.
 */
class SlaClockProperties {
    static final int CASES = 4_000;
    static final int GRACE_CASES = 2_000;

    private static final UUID TICKET = new UUID(0, 1);
    private static final UUID ORG = new UUID(0, 2);
    private static final UUID POLICY = new UUID(0, 3);
    private static final UUID PLAN_ID = new UUID(0, 4);

    @Test
    void theClockReplaysHistoriesAsTheModelDoes() {
        Coverage c = SeededCases.forAll("SlaClock replay", CASES, replay(Rules.SLA_MD));
        c.require(
                20,
                "met",
                "met exactly at the due instant",
                "stopped late",
                "stopped one minute late",
                "stopped while paused",
                "reopened",
                "reopened after a breach",
                "paused with time left",
                "paused past the due instant",
                "retarget",
                "retarget while paused",
                "retarget of a stopped clock is ignored",
                "retarget to another calendar",
                "retarget breached at once",
                "breach recorded by a tick",
                "breach recorded by the timer",
                "business-day target",
                "duration target",
                "met after a reopening");
        for (MinuteCalendar cal : MinuteReference.CALENDARS) c.require(20, "calendar " + cal);
    }

    @Test
    void theUpgradeGraceHoldsTheDueInstantAfterAShorteningChangeAndNeverLengthens() {
        Coverage c = SeededCases.forAll("SlaClock upgrade grace", GRACE_CASES, grace());
        c.require(
                20,
                "shortened, grace sets the due instant",
                "shortened, grace not needed",
                "lengthened",
                "unchanged",
                "met after the change",
                "stopped late after the change",
                "paused after the change");
    }

    /** A property that cannot fail proves nothing: a model with a plausible slip must be caught. */
    @Test
    void theReplayCatchesAWrongModel() {
        for (Rules m : List.of(
                Rules.SLIP_SOLVED_TIME_RUNS,
                Rules.SLIP_MET_ONLY_BEFORE_DUE,
                Rules.SLIP_RETARGET_FROM_CHANGE,
                Rules.SLIP_RETARGET_ERASES_DUE_BREACH))
            assertThatThrownBy(() -> SeededCases.forAll("mutant " + m, CASES, replay(m)))
                    .as("mutant %s", m)
                    .hasMessageContaining("reference says")
                    .hasMessageContaining("-Dsladesk.case=");
    }

    /**
     * sla.md: a breach fires when a running clock passes its due instant, stays on record, and
     * none is lost. A clock that ran past its due instant before any timer recorded the breach
     * (timer lag, a loop still catching up) and is then retargeted to a longer target keeps that
     * breach: the change records it, missing the due instant the clock had. Whether the timer or
     * the change comes first makes no difference (found by this property, fixed in SlaClock).
     */
    @Test
    void aChangeDoesNotEraseABreachThatAlreadyHappened() {
        Plan p1 = new Plan(MinuteReference.ALWAYS, 45L, null, Severity.P1);
        Plan p4 = new Plan(MinuteReference.ALWAYS, 480L, null, Severity.P4);
        Instant opened = Instant.parse("2026-03-06T02:00:00Z"); // 10:00 in Taipei
        SlaClock c = SlaClock.start(TICKET, Metric.RESOLUTION, ORG, opened, p1.schedule(Duration.ZERO));
        Instant change = opened.plus(Duration.ofHours(1)); // the P1 clock was due at 10:45
        c.retarget(change, p1.schedule(Duration.ZERO), p4.schedule(Duration.ZERO), ClockReason.SEVERITY_CHANGED, null);
        same("breachedAt after a change that found the clock already past due", change, c.breachedAt);
        same("the due instant missed", opened.plus(Duration.ofMinutes(45)), c.breachDueAt);
        c.stop(opened.plus(Duration.ofHours(2)), p4.schedule(Duration.ZERO), ClockReason.SOLVED);
        same("met", false, c.met);

        SeededCases.forAll("SlaClock replay, a change keeps a breach already due", CASES, replay(Rules.SLA_MD));
    }

    /**
     * The model's rules: sla.md as read here, and deliberate slips, to show that the property
     * notices them.
     */
    enum Rules {
        SLA_MD,
        /** slip: the time a ticket spent solved would count against the clock */
        SLIP_SOLVED_TIME_RUNS,
        /** slip: a stop exactly at the due instant would be late */
        SLIP_MET_ONLY_BEFORE_DUE,
        /** slip: a retarget would drop the pauses before the change */
        SLIP_RETARGET_FROM_CHANGE,
        /**
         * slip: a change would look only at the new due instant, so a clock that ran past its due
         * instant before any timer recorded the breach would lose it (sla.md: "a breach fires when a
         * running clock passes its due instant", "none is lost"; the change records it at the change,
         * missing the due instant it had, before it moves dueAt)
         */
        SLIP_RETARGET_ERASES_DUE_BREACH
    }

    // ---- a target on a calendar, for the model and as the code's Schedule

    record Plan(MinuteCalendar cal, Long minutes, Integer days, Severity severity) {
        Target target() {
            return minutes != null
                    ? new Target(Duration.ofMinutes(minutes), null, cal.name)
                    : new Target(null, days, cal.name);
        }

        Schedule schedule(Duration grace) {
            return new Schedule(
                    POLICY,
                    PLAN_ID,
                    severity,
                    target(),
                    new ResolvedCalendar(cal.production, null, cal.zone, cal.name),
                    grace,
                    0.75,
                    List.of());
        }

        Expected progress(long start, List<long[]> pauses, Long openFrom) {
            return minutes != null
                    ? MinuteReference.duration(cal, start, minutes, pauses, openFrom)
                    : MinuteReference.businessDays(cal, start, days, pauses, openFrom);
        }

        @Override
        public String toString() {
            return severity + " " + (minutes != null ? minutes + " min" : days + " business days") + " on " + cal;
        }
    }

    static Plan randomPlan(SplittableRandom r, int size) {
        MinuteCalendar cal = ProgressProperties.calendar(r);
        Severity severity = Severity.values()[r.nextInt(4)];
        return r.nextInt(3) == 0
                ? new Plan(cal, null, ProgressProperties.businessDays(r, size), severity)
                : new Plan(cal, ProgressProperties.durationMinutes(r, size), null, severity);
    }

    // ---- the model: sla.md's clock rules, one event at a time

    static final class Model {
        final long start;
        final Rules rules;
        Plan plan;
        final List<long[]> pauses = new ArrayList<>();
        Long pausedSince;
        Long stoppedAt;
        Boolean met;
        Instant breachedAt;
        Instant breachDueAt;
        /** The upgrade grace's floor under the due instant, set by a shortening change. */
        Long floor;
        /** Where the clock stands after the last event. */
        Expected now;

        Model(long start, Plan plan, Rules rules) {
            this.start = start;
            this.plan = plan;
            this.rules = rules;
            this.now = progress();
        }

        boolean stopped() {
            return stoppedAt != null;
        }

        boolean paused() {
            return pausedSince != null;
        }

        boolean running() {
            return !stopped() && !paused();
        }

        Expected unfloored() {
            return plan.progress(start, pauses, pausedSince);
        }

        Expected progress() {
            Expected e = unfloored();
            return e.due() != null && floor != null && e.due() < floor ? Expected.dueAt(floor) : e;
        }

        void pause(long t) {
            if (running()) pausedSince = t;
        }

        void resume(long t) {
            if (!paused()) return;
            pauses.add(new long[] {pausedSince, t});
            pausedSince = null;
        }

        /** Solved: met if and only if at or before the due instant with no breach on record; late records one. */
        void stop(long t) {
            if (stopped()) return;
            resume(t); // solved while pending: the pause lasted until the solve
            long due = progress().due();
            stoppedAt = t;
            met = breachedAt == null && (rules == Rules.SLIP_MET_ONLY_BEFORE_DUE ? t < due : t <= due);
            if (!met && breachedAt == null) breach(instant(t), due);
        }

        /** The time solved counts as paused. */
        void reopen(long t) {
            if (!stopped()) return;
            if (rules != Rules.SLIP_SOLVED_TIME_RUNS) pauses.add(new long[] {stoppedAt, t});
            stoppedAt = null;
            met = null;
        }

        /**
         * A new target measured from the original start, every pause kept; a stopped clock keeps its
         * result; a due instant already past is a breach at the change. With a grace, a change that
         * shortens the target (the new due instant is earlier) is due no earlier than the change plus
         * the grace; a change that lengthens it drops any earlier grace.
         */
        void retarget(long t, Plan to, long graceMinutes) {
            if (stopped()) return;
            Long before = progress().due();
            if (rules != Rules.SLIP_RETARGET_ERASES_DUE_BREACH && breachedAt == null && before != null && before < t)
                breach(instant(t), before);
            plan = to;
            if (rules == Rules.SLIP_RETARGET_FROM_CHANGE) pauses.removeIf(p -> p[1] <= t);
            Long candidate = unfloored().due();
            if (before != null && candidate != null) {
                if (candidate < before && graceMinutes > 0)
                    floor = Math.max(floor == null ? t : floor, t + graceMinutes);
                else if (candidate > before) floor = null;
            }
            Long due = progress().due();
            if (breachedAt == null && due != null && due < t) breach(instant(t), due);
        }

        /** A breach timer or a periodic check at {@code at}: a running clock past its due instant breaches. */
        boolean detect(Instant at) {
            Long due = progress().due();
            if (!running() || breachedAt != null || due == null || !at.isAfter(instant(due))) return false;
            breach(at, due);
            return true;
        }

        void breach(Instant at, long due) {
            breachedAt = at;
            breachDueAt = instant(due);
        }

        String status(Instant at) {
            if (stopped()) return met ? "met" : "breached";
            if (breachedAt != null) return "breached";
            if (now.due() != null && instant(now.due()).isBefore(at)) return "breached";
            return paused() ? "paused" : "running";
        }

        @Override
        public String toString() {
            String state = stopped() ? "stopped (" + (met ? "met" : "late") + ")" : paused() ? "paused" : "running";
            return state + ", " + now
                    + (breachedAt == null ? "" : ", breached at " + breachedAt + " missing " + breachDueAt)
                    + (floor == null ? "" : ", grace floor " + instant(floor));
        }
    }

    // ---- one history, applied to the code and to the model

    static final class Replay {
        final SplittableRandom r;
        final int size;
        final Trace trace;
        final Coverage coverage;
        final Model model;
        final SlaClock clock;
        final boolean perfectTimer;
        Schedule schedule;
        long last;

        Replay(SplittableRandom r, int size, Trace trace, Coverage coverage, Rules rules) {
            this.r = r;
            this.size = size;
            this.trace = trace;
            this.coverage = coverage;
            Plan plan = randomPlan(r, size);
            long start = ProgressProperties.startMinute(r, plan.cal);
            this.perfectTimer = r.nextBoolean();
            this.model = new Model(start, plan, rules);
            this.schedule = plan.schedule(Duration.ZERO);
            this.last = start;
            trace.add("start " + at(start) + " on " + plan + "; breach timer "
                    + (perfectTimer ? "fires on time" : "not running (ticks only)") + " → " + model);
            this.clock = SlaClock.start(TICKET, Metric.RESOLUTION, ORG, instant(start), schedule);
            coverage.hit(plan.minutes != null ? "duration target" : "business-day target");
            coverage.hit("calendar " + plan.cal);
            compare(instant(start));
        }

        String at(long m) {
            return ProgressProperties.describe(model.plan.cal, m);
        }

        /** The next event's minute: the same one, soon, later, days later, or next to the due instant. */
        long nextMinute() {
            int k = r.nextInt(100);
            Long due = model.now.due();
            if (k < 20 && due != null) {
                long t = due + r.nextInt(-1, 2);
                if (t >= last) return t;
            }
            if (k < 30) return last;
            if (k < 65) return last + 1 + r.nextInt(180);
            if (k < 88) return last + 180 + r.nextInt(1080);
            return last + 1440 + r.nextInt(3 * 1440);
        }

        /** The breach timer, if it runs: it fires at the due instant plus 1 ms, or as soon as the clock runs past it. */
        void timersUpTo(long t) {
            if (!perfectTimer || !model.running() || model.breachedAt != null || model.now.due() == null) return;
            Instant fire = max(instant(model.now.due()).plusMillis(1), instant(last));
            if (fire.isAfter(instant(t))) return;
            boolean expected = model.detect(fire);
            model.now = model.progress();
            boolean actual = clock.breachDetected(fire, schedule);
            trace.add("breach timer at " + fire + " → " + model);
            same("breach detected by the timer", expected, actual);
            coverage.hitIf(actual, "breach recorded by the timer");
            compare(fire);
        }

        void step(boolean retargets) {
            long t = nextMinute();
            timersUpTo(t);
            int k = r.nextInt(100);
            String what;
            boolean wasPaused = model.paused();
            boolean wasStopped = model.stopped();
            boolean hadBreach = model.breachedAt != null;
            if (model.running()) {
                what = k < 35
                        ? "pause"
                        : k < 55
                                ? "stop"
                                : k < 70 && retargets ? "retarget" : k < 88 ? "tick" : k < 94 ? "resume" : "reopen";
            } else if (model.paused()) {
                what = k < 45
                        ? "resume"
                        : k < 65 ? "stop" : k < 80 && retargets ? "retarget" : k < 94 ? "tick" : "pause";
            } else {
                what = k < 50
                        ? "reopen"
                        : k < 65 && retargets ? "retarget" : k < 85 ? "tick" : k < 93 ? "stop" : "pause";
            }
            Instant at = instant(t);
            String detail = "";
            switch (what) {
                case "pause" -> {
                    model.pause(t);
                    clock.pause(at, schedule);
                }
                case "resume" -> {
                    model.resume(t);
                    clock.resume(at, schedule, ClockReason.CUSTOMER_ANSWERED);
                }
                case "stop" -> {
                    model.stop(t);
                    clock.stop(at, schedule, ClockReason.SOLVED);
                }
                case "reopen" -> {
                    model.reopen(t);
                    clock.reopen(at, schedule);
                }
                case "retarget" -> {
                    Plan to = r.nextInt(4) == 0
                            ? new Plan(
                                    model.plan.cal,
                                    ProgressProperties.durationMinutes(r, size),
                                    null,
                                    model.plan.severity)
                            : randomPlan(r, size);
                    detail = " to " + to;
                    Schedule next = to.schedule(Duration.ZERO);
                    coverage.hitIf(!wasStopped && to.cal != model.plan.cal, "retarget to another calendar");
                    model.retarget(t, to, 0);
                    clock.retarget(at, schedule, next, ClockReason.SEVERITY_CHANGED, null);
                    if (!wasStopped) schedule = next;
                }
                case "tick" -> {
                    boolean expected = model.detect(at);
                    same("breach detected at " + at, expected, clock.breachDetected(at, schedule));
                    coverage.hitIf(expected, "breach recorded by a tick");
                }
                default -> throw new IllegalStateException(what);
            }
            last = t;
            model.now = model.progress();
            trace.add(what + " at " + at(t) + detail + " → " + model);
            compare(at);

            switch (what) {
                case "stop" -> {
                    if (!wasStopped) {
                        coverage.hit(model.met ? "met" : "stopped late");
                        coverage.hitIf(model.met && t == model.now.due(), "met exactly at the due instant");
                        coverage.hitIf(!model.met && model.now.due() == t - 1, "stopped one minute late");
                        coverage.hitIf(wasPaused, "stopped while paused");
                        coverage.hitIf(model.met && reopenedBefore, "met after a reopening");
                    }
                }
                case "reopen" -> {
                    if (wasStopped) {
                        coverage.hit("reopened");
                        coverage.hitIf(hadBreach, "reopened after a breach");
                        reopenedBefore = true;
                    }
                }
                case "retarget" -> {
                    coverage.hitIf(wasStopped, "retarget of a stopped clock is ignored");
                    coverage.hitIf(!wasStopped, "retarget");
                    coverage.hitIf(wasPaused, "retarget while paused");
                    coverage.hitIf(!hadBreach && model.breachedAt != null, "retarget breached at once");
                }
                case "pause" -> {
                    coverage.hitIf(!wasPaused && model.now.due() == null, "paused with time left");
                    coverage.hitIf(!wasPaused && !wasStopped && model.now.due() != null, "paused past the due instant");
                }
                default -> {}
            }
        }

        boolean reopenedBefore;

        /** Everything the clock shows must be what the model says; and sla.md's invariants, on the code alone. */
        void compare(Instant at) {
            Expected e = model.now;
            same("dueAt", e.dueInstant(), clock.dueAt);
            same(
                    "working time left while paused",
                    e.remainingDuration(),
                    clock.view(at, () -> schedule).remaining());
            same("stoppedAt", model.stoppedAt == null ? null : instant(model.stoppedAt), clock.stoppedAt);
            same("met", model.met, clock.met);
            same("breachedAt", model.breachedAt, clock.breachedAt);
            same("breachDueAt (missedDueAt)", model.breachDueAt, clock.breachDueAt);
            same("target", model.plan.target(), clock.target);
            same("severity", model.plan.severity, clock.severity);
            same("status at " + at, model.status(at), clock.status(at).wire());
            if (e.due() != null) {
                Instant due = instant(e.due());
                for (Instant when : List.of(due.minusMillis(1), due, due.plusMillis(1)))
                    same(
                            "status at " + when,
                            model.status(when),
                            clock.status(when).wire());
            }
            Instant later = at.plus(Duration.ofMinutes(r.nextInt(3 * 1440)));
            same("status at " + later, model.status(later), clock.status(later).wire());
            // the breach timer is planned for exactly the running clocks that have not breached
            Timer breach = clock.timers(schedule).stream()
                    .filter(t -> t.kind() == Timer.Kind.BREACH)
                    .findFirst()
                    .orElse(null);
            Timer expected = model.running() && model.breachedAt == null
                    ? new Timer(Timer.Kind.BREACH, 0, instant(e.due()).plusMillis(1), instant(e.due()))
                    : null;
            same("breach timer", expected, breach);

            check(
                    !(Boolean.TRUE.equals(clock.met) && clock.breachedAt != null),
                    "a clock is never both met and breached");
            if (clock.stoppedAt != null)
                check(
                        clock.met == (clock.breachedAt == null && !clock.stoppedAt.isAfter(clock.dueAt)),
                        "met must be: stopped at or before the due instant, no breach on record");
            if (clock.breachedAt != null)
                check(!clock.breachedAt.isBefore(clock.breachDueAt), "lateness (breachedAt - missedDueAt) is negative");
        }
    }

    // ---- property bodies

    static SeededCases.Body replay(Rules rules) {
        return (r, size, trace, coverage) -> {
            Replay replay = new Replay(r, size, trace, coverage, rules);
            int events = 1 + r.nextInt(2 + size);
            for (int i = 0; i < events; i++) replay.step(true);
        };
    }

    /**
     * A history, then one change with an upgrade grace while the clock runs, then more history. A
     * change that shortens the target is due at the later of the new due instant and the change plus
     * the grace, and no breach is recorded at the change; any other change is due at the new target's
     * own due instant. Afterwards, the due instant is never before the change plus the grace.
     */
    static SeededCases.Body grace() {
        return (r, size, trace, coverage) -> {
            Replay replay = new Replay(r, size, trace, coverage, Rules.SLA_MD);
            Model model = replay.model;
            int before = r.nextInt(1 + size / 2);
            for (int i = 0; i < before; i++) replay.step(false);
            // the change finds the clock running
            long t = replay.nextMinute();
            replay.timersUpTo(t);
            if (model.paused()) {
                model.resume(t);
                replay.clock.resume(instant(t), replay.schedule, ClockReason.CUSTOMER_ANSWERED);
            } else if (model.stopped()) {
                model.reopen(t);
                replay.clock.reopen(instant(t), replay.schedule);
            }
            replay.last = t;
            model.now = model.progress();
            replay.trace.add("running at " + replay.at(t) + " → " + model);
            replay.compare(instant(t));

            long change = replay.nextMinute();
            replay.timersUpTo(change);
            long graceMinutes = new long[] {1, 15, 30, 60, 240}[r.nextInt(5)];
            Plan to = r.nextBoolean()
                    ? new Plan(model.plan.cal, new long[] {1, 15, 45, 60, 120}[r.nextInt(5)], null, Severity.P1)
                    : randomPlan(r, size);
            Schedule next = to.schedule(Duration.ofMinutes(graceMinutes));
            long oldDue = model.progress().due();
            boolean hadBreach = model.breachedAt != null;
            model.retarget(change, to, graceMinutes);
            long newDue = model.unfloored().due();
            replay.clock.retarget(instant(change), replay.schedule, next, ClockReason.SEVERITY_CHANGED, null);
            replay.schedule = next;
            replay.last = change;
            model.now = model.progress();
            replay.trace.add("retarget with a grace of " + graceMinutes + " min at " + replay.at(change) + " to " + to
                    + " → " + model);
            replay.compare(instant(change));

            Instant floor = instant(change + graceMinutes);
            if (newDue < oldDue) {
                check(!replay.clock.dueAt.isBefore(floor), "a shortening change is due no earlier than change + grace");
                // unless the clock had already run past its old due instant: that breach stands
                check(
                        hadBreach || oldDue < change || replay.clock.breachedAt == null,
                        "a shortening change with a grace does not breach at the change");
                coverage.hit(
                        newDue < change + graceMinutes
                                ? "shortened, grace sets the due instant"
                                : "shortened, grace not needed");
            } else {
                same(
                        "a change that does not shorten the target is not softened by the grace",
                        instant(newDue),
                        replay.clock.dueAt);
                coverage.hit(newDue > oldDue ? "lengthened" : "unchanged");
            }

            int after = r.nextInt(2 + size);
            for (int i = 0; i < after; i++) {
                replay.step(false);
                if (newDue < oldDue && replay.clock.dueAt != null)
                    check(
                            !replay.clock.dueAt.isBefore(floor),
                            "after a shortening change, due no earlier than change + grace");
                coverage.hitIf(model.paused(), "paused after the change");
                coverage.hitIf(model.stopped() && Boolean.TRUE.equals(model.met), "met after the change");
                coverage.hitIf(model.stopped() && Boolean.FALSE.equals(model.met), "stopped late after the change");
            }
        };
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
