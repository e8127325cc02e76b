package io.sladesk.server.sla;

import static io.sladesk.server.sla.MinuteReference.instant;
import static io.sladesk.server.sla.MinuteReference.minute;
import static io.sladesk.server.sla.SeededCases.same;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sladesk.calendar.WorkCalendar;
import io.sladesk.server.sla.MinuteReference.Expected;
import io.sladesk.server.sla.MinuteReference.MinuteCalendar;
import io.sladesk.server.sla.Progress.Pause;
import io.sladesk.server.sla.SeededCases.Coverage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Progress}, the one place that counts pauses, against {@link MinuteReference}'s minute walks:
 * random calendars, starts in 2026, targets, and pause histories (closed pauses, maybe one still going
 * on). Seeds and reruns: see {@link SeededCases}.
 */
class ProgressProperties {
    static final int CASES = 5_000;

    interface DurationProgress {
        Progress of(WorkCalendar cal, Instant start, Duration budget, List<Pause> pauses, Instant openPauseFrom);
    }

    interface DueInstantProgress {
        Progress of(WorkCalendar cal, Instant start, Instant baseDue, List<Pause> pauses, Instant openPauseFrom);
    }

    // ---- the reference itself says what sla.md says

    @Test
    void theReferenceFollowsTheExamplesOfSlaMd() {
        MinuteCalendar bd = MinuteReference.TAIPEI_BUSINESS_DAYS;
        // P2 opened Friday 15:00 → due Monday 15:00; opened Saturday 10:00 → due Tuesday 00:00
        assertThat(bd.baseDue(taipei("2026-03-06T15:00"), 1)).isEqualTo(taipei("2026-03-09T15:00"));
        assertThat(bd.baseDue(taipei("2026-03-07T10:00"), 1)).isEqualTo(taipei("2026-03-10T00:00"));
        // P3 opened Thursday 09:30 with Friday a holiday → due Tuesday 09:30
        MinuteCalendar withFridayOff = new MinuteCalendar(
                "business days, 6 March off",
                MinuteReference.TAIPEI,
                bd.week,
                java.util.Set.of(LocalDate.parse("2026-03-06")),
                WorkCalendar.businessDays(MinuteReference.TAIPEI).withHolidays(List.of(LocalDate.parse("2026-03-06"))));
        assertThat(withFridayOff.baseDue(taipei("2026-03-05T09:30"), 2)).isEqualTo(taipei("2026-03-10T09:30"));
        // a pause over a weekend is worth nothing on business days and 48 hours on 24x7
        long thu = taipei("2026-03-05T09:30");
        List<long[]> weekend = List.<long[]>of(new long[] {taipei("2026-03-07T00:00"), taipei("2026-03-09T00:00")});
        assertThat(MinuteReference.businessDays(bd, thu, 2, weekend, null).due())
                .isEqualTo(taipei("2026-03-09T09:30"));
        assertThat(MinuteReference.duration(MinuteReference.ALWAYS, thu, 72 * 60, weekend, null)
                        .due())
                .isEqualTo(taipei("2026-03-08T09:30") + 48 * 60);
        // opened Friday 20:00 on 09:00-18:00 hours: due Tuesday 09:00, not Monday 18:00; an hour paused
        // on Monday moves it to Tuesday 10:00; while paused, the working time to the due instant is left
        MinuteCalendar ny = MinuteReference.NEW_YORK_OFFICE;
        long friday = newYork("2026-03-06T20:00");
        assertThat(ny.baseDue(friday, 1)).isEqualTo(newYork("2026-03-10T09:00"));
        List<long[]> hour = List.<long[]>of(new long[] {newYork("2026-03-09T10:00"), newYork("2026-03-09T11:00")});
        assertThat(MinuteReference.businessDays(ny, friday, 1, hour, null).due())
                .isEqualTo(newYork("2026-03-10T10:00"));
        assertThat(MinuteReference.businessDays(ny, friday, 1, List.of(), newYork("2026-03-09T10:00"))
                        .remaining())
                .isEqualTo(8 * 60L);
        // a pause that begins after the due instant does not rescue the clock
        long t0 = taipei("2026-03-06T10:00");
        List<long[]> late = List.<long[]>of(new long[] {t0 + 120, t0 + 300});
        assertThat(MinuteReference.duration(MinuteReference.ALWAYS, t0, 60, late, null)
                        .due())
                .isEqualTo(t0 + 60);
        // a 00:00-24:00 day that skips an hour holds 23 hours, one that repeats an hour 25
        MinuteCalendar allWeek = MinuteReference.NEW_YORK_ALL_WEEK;
        assertThat(allWeek.workingMinutes(newYork("2026-03-08T00:00"), newYork("2026-03-09T00:00")))
                .isEqualTo(23 * 60L);
        assertThat(allWeek.workingMinutes(newYork("2026-11-01T00:00"), newYork("2026-11-02T00:00")))
                .isEqualTo(25 * 60L);
        // Sunday 01:30-02:30 on the day of the gap: 02:30 moves to 03:30 EDT, so it holds an hour
        // of instants; on the day of the overlap, 01:30 takes the earlier offset, so it holds two
        MinuteCalendar uneven = MinuteReference.NEW_YORK_UNEVEN;
        long gapDay = newYork("2026-03-08T00:00");
        assertThat(uneven.workingMinutes(gapDay, gapDay + 12 * 60)).isEqualTo(60L);
        long overlapDay = newYork("2026-11-01T00:00");
        assertThat(uneven.workingMinutes(overlapDay, overlapDay + 12 * 60)).isEqualTo(120L);
    }

    @Test
    void theMinuteTableAgreesWithTheCalendarLibrary() {
        // every minute of the weeks of the daylight-saving changes, and random minutes of 2026
        for (MinuteCalendar cal : MinuteReference.CALENDARS) {
            for (String week : List.of("2026-03-05T00:00:00Z", "2026-10-29T00:00:00Z")) {
                long from = minute(Instant.parse(week));
                for (long m = from; m < from + 6 * 1440; m++) agree(cal, m);
            }
        }
        SeededCases.forAll("minute table = WorkCalendar", 20_000, (r, size, trace, coverage) -> {
            MinuteCalendar cal = calendar(r);
            long m = startMinute(r, cal);
            trace.add(cal + " at " + describe(cal, m));
            agree(cal, m);
            coverage.hit(cal.isWorking(m) ? "working" : "not working");
        });
    }

    private static void agree(MinuteCalendar cal, long m) {
        WorkCalendar w = cal.production;
        same(cal + ": working minute " + instant(m), cal.isWorking(m), w.isWorkingTime(instant(m)));
        same(
                cal + ": working time of the minute from " + instant(m),
                Duration.ofMinutes(cal.isWorking(m) ? 1 : 0),
                w.between(instant(m), instant(m + 1)));
    }

    // ---- the properties

    @Test
    void ofDurationIsTheMinuteWalk() {
        Coverage c = SeededCases.forAll("Progress.ofDuration", CASES, ofDuration(Progress::ofDuration));
        c.require(
                20,
                "due",
                "paused with time left",
                "moved by pauses",
                "a pause begins at the due instant",
                "a pause began before the start",
                "the open pause begins at the due instant");
    }

    @Test
    void ofDueInstantIsTheBusinessDayRuleMovedByPausedWorkingTime() {
        Coverage c = SeededCases.forAll(
                "Progress.ofDueInstant", CASES, ofDueInstant(Progress::ofDueInstant, WorkCalendar::addBusinessDays));
        c.require(
                20,
                "due",
                "paused with time left",
                "paused with no working time left",
                "moved by pauses",
                "a pause covers the base due instant",
                "a pause begins at the due instant",
                "base due at the start of a later interval",
                "base due at the end of the last interval",
                "base due in a daylight-saving gap or overlap week");
    }

    /** A property that cannot fail proves nothing: each one must catch a plausible slip. */
    @Test
    void thePropertiesCatchWrongAnswers() {
        DurationProgress forgetsThePauseBeforeTheStart = (cal, start, budget, pauses, open) -> Progress.ofDuration(
                cal,
                start,
                budget,
                pauses.stream().filter(p -> !p.from().isBefore(start)).toList(),
                open);
        assertThatThrownBy(() -> SeededCases.forAll("mutant", CASES, ofDuration(forgetsThePauseBeforeTheStart)))
                .hasMessageContaining("-Dsladesk.case=")
                .hasMessageContaining("reference says");
        DurationProgress pausesTheLastMinute = (cal, start, budget, pauses, open) -> {
            Progress p = Progress.ofDuration(cal, start, budget, pauses, open);
            return p.due() == null || pauses.isEmpty()
                    ? p
                    : new Progress(p.due().plusSeconds(60), null);
        };
        assertThatThrownBy(() -> SeededCases.forAll("mutant", CASES, ofDuration(pausesTheLastMinute)))
                .hasMessageContaining("reference says");
        // the plain "earliest instant with that much working time" is not the business-day rule
        DueInstantProgress earliest = (cal, start, baseDue, pauses, open) ->
                Progress.ofDuration(cal, start, cal.between(start, baseDue), pauses, open);
        assertThatThrownBy(() ->
                        SeededCases.forAll("mutant", CASES, ofDueInstant(earliest, WorkCalendar::addBusinessDays)))
                .hasMessageContaining("reference says");
        DueInstantProgress ignoresPausesAfterTheBaseDue = (cal, start, baseDue, pauses, open) -> Progress.ofDueInstant(
                cal,
                start,
                baseDue,
                pauses.stream().filter(p -> p.from().isBefore(baseDue)).toList(),
                open);
        assertThatThrownBy(() -> SeededCases.forAll(
                        "mutant", CASES, ofDueInstant(ignoresPausesAfterTheBaseDue, WorkCalendar::addBusinessDays)))
                .hasMessageContaining("reference says");
        assertThatThrownBy(() -> SeededCases.forAll(
                        "mutant",
                        CASES,
                        ofDueInstant(
                                Progress::ofDueInstant,
                                (cal, start, days) -> cal.add(cal.effectiveStart(start), Duration.ofDays(days)))))
                .hasMessageContaining("addBusinessDays");
    }

    // ---- property bodies

    static SeededCases.Body ofDuration(DurationProgress impl) {
        return (r, size, trace, coverage) -> {
            MinuteCalendar cal = calendar(r);
            long start = startMinute(r, cal);
            long target = durationMinutes(r, size);
            trace.add("calendar " + cal + ", start " + describe(cal, start) + ", target " + target
                    + " min of working time");
            List<long[]> pauses = new ArrayList<>();
            Long open = pauses(
                    r,
                    size,
                    start,
                    pauses,
                    closed -> MinuteReference.duration(cal, start, target, closed, null)
                            .due());
            trace.add("pauses " + describe(cal, pauses)
                    + (open == null ? "" : ", open pause from " + describe(cal, open)));
            Expected e = MinuteReference.duration(cal, start, target, pauses, open);
            trace.add("reference: " + e);
            Progress p = impl.of(
                    cal.production,
                    instant(start),
                    Duration.ofMinutes(target),
                    toPauses(pauses),
                    open == null ? null : instant(open));
            trace.add("code: " + p);
            same("due", e.dueInstant(), p.due());
            same("remaining", e.remainingDuration(), p.remaining());

            coverage.hit(e.due() != null ? "due" : "paused with time left");
            Expected unpaused = MinuteReference.duration(cal, start, target, List.of(), null);
            coverage.hitIf(e.due() != null && !e.due().equals(unpaused.due()), "moved by pauses");
            coverage.hitIf(
                    e.due() != null && pauses.stream().anyMatch(q -> q[0] == e.due()),
                    "a pause begins at the due instant");
            coverage.hitIf(
                    open != null && e.due() != null && open.equals(e.due()),
                    "the open pause begins at the due instant");
            coverage.hitIf(!pauses.isEmpty() && pauses.get(0)[0] < start, "a pause began before the start");
        };
    }

    interface BusinessDayAdder {
        Instant add(WorkCalendar cal, Instant start, int days);
    }

    static SeededCases.Body ofDueInstant(DueInstantProgress impl, BusinessDayAdder businessDays) {
        return (r, size, trace, coverage) -> {
            MinuteCalendar cal = calendar(r);
            long start = startMinute(r, cal);
            int days = businessDays(r, size);
            trace.add("calendar " + cal + ", start " + describe(cal, start) + ", target " + days + " business days");
            long base = cal.baseDue(start, days);
            trace.add("reference base due " + describe(cal, base));
            same(
                    "the calendar's addBusinessDays (sla.md, counting business days)",
                    instant(base),
                    businessDays.add(cal.production, instant(start), days));
            List<long[]> pauses = new ArrayList<>();
            Long open = pauses(
                    r,
                    size,
                    start,
                    pauses,
                    closed -> MinuteReference.businessDays(cal, start, days, closed, null)
                            .due());
            trace.add("pauses " + describe(cal, pauses)
                    + (open == null ? "" : ", open pause from " + describe(cal, open)));
            Expected e = MinuteReference.businessDays(cal, start, days, pauses, open);
            trace.add("reference: " + e);
            Progress p = impl.of(
                    cal.production,
                    instant(start),
                    instant(base),
                    toPauses(pauses),
                    open == null ? null : instant(open));
            trace.add("code: " + p);
            same("due", e.dueInstant(), p.due());
            same("remaining", e.remainingDuration(), p.remaining());

            coverage.hit(e.due() != null ? "due" : "paused with time left");
            coverage.hitIf(e.remaining() != null && e.remaining() == 0, "paused with no working time left");
            coverage.hitIf(e.due() != null && e.due() != base, "moved by pauses");
            coverage.hitIf(
                    pauses.stream().anyMatch(q -> q[0] < base && q[1] > base) || (open != null && open < base),
                    "a pause covers the base due instant");
            coverage.hitIf(
                    e.due() != null && pauses.stream().anyMatch(q -> q[0] == e.due()),
                    "a pause begins at the due instant");
            LocalTime startTime = LocalDateTime.ofInstant(instant(firstWorking(cal, start)), cal.zone)
                    .toLocalTime();
            LocalTime dueTime = LocalDateTime.ofInstant(instant(base), cal.zone).toLocalTime();
            coverage.hitIf(dueTime.isAfter(startTime), "base due at the start of a later interval");
            coverage.hitIf(
                    dueTime.isBefore(startTime) && !cal.isWorking(base) && cal.isWorking(base - 1),
                    "base due at the end of the last interval");
            coverage.hitIf(
                    cal.zone.equals(MinuteReference.NEW_YORK) && (near(base, "2026-03-08") || near(base, "2026-11-01")),
                    "base due in a daylight-saving gap or overlap week");
        };
    }

    // ---- generators

    static MinuteCalendar calendar(SplittableRandom r) {
        return MinuteReference.CALENDARS.get(r.nextInt(MinuteReference.CALENDARS.size()));
    }

    private static final long YEAR_2026 = minute(Instant.parse("2026-01-01T00:00:00Z"));
    private static final long YEAR_2027 = minute(Instant.parse("2027-01-01T00:00:00Z"));
    private static final String[] EDGES = {
        "00:00", "00:01", "01:29", "01:30", "01:59", "02:29", "02:30", "07:59", "08:00", "08:59", "09:00", "11:59",
        "12:00", "13:00", "14:59", "15:00", "16:59", "17:00", "17:59", "18:00", "21:59", "22:00", "23:59"
    };

    /** A whole minute of 2026: anywhere, near a date where things happen, or at a local time at an edge of hours. */
    static long startMinute(SplittableRandom r, MinuteCalendar cal) {
        long m;
        int k = r.nextInt(10);
        if (k < 4) {
            m = YEAR_2026 + r.nextLong(YEAR_2027 - YEAR_2026);
        } else {
            List<LocalDate> hot = MinuteReference.HOT_DATES;
            LocalDate d = k < 8
                    ? hot.get(r.nextInt(hot.size())).plusDays(r.nextInt(-4, 3))
                    : LocalDate.of(2026, 1, 1).plusDays(r.nextInt(365));
            String hhmm = EDGES[r.nextInt(EDGES.length)];
            LocalTime time = LocalTime.parse(hhmm);
            m = minute(ZonedDateTime.of(d, time, cal.zone).toInstant()) + (k < 6 ? r.nextInt(-90, 91) : 0);
        }
        return Math.min(Math.max(m, YEAR_2026), YEAR_2027 - 1);
    }

    private static final long[] DURATIONS = {1, 15, 45, 60, 120, 240, 480, 539, 540, 541, 1440, 2880};

    static long durationMinutes(SplittableRandom r, int size) {
        return r.nextBoolean() ? DURATIONS[r.nextInt(DURATIONS.length)] : 1 + r.nextInt(60 * (1 + 2 * size));
    }

    static int businessDays(SplittableRandom r, int size) {
        return 1 + r.nextInt(size < 4 ? 2 : 5);
    }

    /** The due instant so far, to aim the next pause at (null if there is none). */
    interface DueSoFar {
        Long due(List<long[]> closedPauses);
    }

    /** Sorted, disjoint pauses (maybe touching, maybe empty, maybe the first before the start); returns an open pause's start or null. */
    static Long pauses(SplittableRandom r, int size, long start, List<long[]> out, DueSoFar dueSoFar) {
        int n = r.nextInt(2 + size / 2);
        long t = r.nextInt(8) == 0 ? start - 1 - r.nextInt(2 * 1440) : start;
        for (int i = 0; i < n; i++) {
            long from = aim(r, t, out, dueSoFar);
            long to = from + length(r);
            out.add(new long[] {from, to});
            t = to;
        }
        return r.nextInt(100) < 35 ? aim(r, t, out, dueSoFar) : null;
    }

    /** The next instant at or after t: a random gap, or one minute before, at or after the due instant so far. */
    private static long aim(SplittableRandom r, long t, List<long[]> closed, DueSoFar dueSoFar) {
        if (r.nextInt(4) == 0) {
            Long due = dueSoFar.due(closed);
            if (due != null) {
                long at = due + r.nextInt(-1, 2);
                if (at >= t) return at;
            }
        }
        return t + gap(r);
    }

    static long gap(SplittableRandom r) {
        int k = r.nextInt(100);
        if (k < 15) return 0;
        if (k < 60) return 1 + r.nextInt(180);
        if (k < 85) return 180 + r.nextInt(1260);
        return 1440 + r.nextInt(3 * 1440);
    }

    private static long length(SplittableRandom r) {
        int k = r.nextInt(100);
        if (k < 10) return 0;
        if (k < 50) return 1 + r.nextInt(120);
        if (k < 80) return 120 + r.nextInt(1320);
        return 1440 + r.nextInt(3 * 1440);
    }

    // ---- helpers

    static List<Pause> toPauses(List<long[]> pauses) {
        return pauses.stream().map(p -> new Pause(instant(p[0]), instant(p[1]))).toList();
    }

    private static long firstWorking(MinuteCalendar cal, long m) {
        while (!cal.isWorking(m)) m++;
        return m;
    }

    private static boolean near(long m, String date) {
        long d = minute(
                LocalDate.parse(date).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        return Math.abs(m - d) < 3 * 1440;
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm xxx", Locale.ENGLISH);

    /** An instant as UTC and as the calendar's local time. */
    static String describe(MinuteCalendar cal, long m) {
        return instant(m) + " (" + LOCAL.format(instant(m).atZone(cal.zone)) + ")";
    }

    static String describe(MinuteCalendar cal, List<long[]> pauses) {
        if (pauses.isEmpty()) return "none";
        List<String> out = new ArrayList<>();
        for (long[] p : pauses) out.add("[" + describe(cal, p[0]) + " → " + describe(cal, p[1]) + ")");
        return String.join(", ", out);
    }

    private static long taipei(String local) {
        return minute(LocalDateTime.parse(local).atZone(MinuteReference.TAIPEI).toInstant());
    }

    private static long newYork(String local) {
        return minute(
                LocalDateTime.parse(local).atZone(MinuteReference.NEW_YORK).toInstant());
    }
}
