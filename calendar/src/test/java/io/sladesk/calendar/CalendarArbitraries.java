package io.sladesk.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Generators of random calendars and instants for the property tests (see {@link SeededProperty}):
 * each draws one value from the {@link SplittableRandom} it is given, so a seed always gives the same
 * value.
 */
final class CalendarArbitraries {

    /** Zones with daylight saving, odd offsets, half-hour shifts, midnight transitions, a skipped day. */
    static final List<ZoneId> ZONES = List.of(
            ZoneId.of("America/New_York"),
            ZoneId.of("Europe/London"),
            ZoneId.of("Africa/Cairo"),
            ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("Asia/Taipei"),
            ZoneOffset.UTC,
            ZoneId.of("Asia/Kolkata"),
            ZoneId.of("America/St_Johns"),
            ZoneId.of("Pacific/Chatham"),
            ZoneId.of("Pacific/Apia"),
            ZoneId.of("America/Havana"),
            ZoneId.of("Europe/Dublin"),
            ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("America/Sao_Paulo"));

    /** Times of day around which daylight-saving changes and ordinary hours happen, in seconds. */
    private static final List<Integer> NOTABLE_TIMES = List.of(
            0, 60, 1800, 3600, 5400, 7200, 8100, 9000, 9900, 10800, 11700, 12600, 13500, 14400, 32400, 34200, 43200,
            46800, 64800, 82800, 84600, 86340, 86399, 86400);

    private static final long DAY_NANOS = 86_400_000_000_000L;

    private CalendarArbitraries() {}

    /** A zone, weekly hours, holidays around a base date, and the base date itself. */
    record Setup(ZoneId zone, WeeklyHours week, Set<LocalDate> holidays, LocalDate base) {
        WorkCalendar fast() {
            return WorkCalendar.of(zone, week, holidays);
        }

        ReferenceCalendar reference() {
            return new ReferenceCalendar(zone, week, holidays);
        }

        @Override
        public String toString() {
            return zone + " | " + week + " | holidays " + holidays + " | base " + base;
        }
    }

    /** A setup and two instants. */
    record Case(Setup setup, Instant s, Instant t) {
        @Override
        public String toString() {
            return setup + " | s=" + s + " (" + s.atZone(setup.zone()) + ") t=" + t + " (" + t.atZone(setup.zone())
                    + ")";
        }
    }

    /**
     * 128 times of day, in seconds, that a day's hours are drawn from: the notable ones, every quarter
     * hour, and a few odd seconds.
     */
    private static final int[] TIMES = timeTable();

    private static int[] timeTable() {
        List<Integer> times = new ArrayList<>(NOTABLE_TIMES);
        for (int q = 0; q <= 96; q++) {
            times.add(q * 900);
        }
        times.addAll(List.of(1, 59, 3599, 7201, 10799, 45296, 86_399));
        return times.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The hours of one day, decoded from the bits of a random long. Bits 0–3 choose the kind of day (5
     * in 16 empty, 2 whole, 1 09:00–18:00, 8 random), bits 4–6 how many random times (2 to 8), and each
     * 7 bits after that one time from {@link #TIMES}; the sorted times pair up into intervals, touching
     * ones included.
     */
    static List<WorkingInterval> decodeDay(long bits, boolean nonEmpty) {
        int kind = (int) (bits & 0xF);
        if (kind < 5 && !nonEmpty) {
            return List.of();
        }
        if (kind == 5 || kind == 6) {
            return List.of(WorkingInterval.WHOLE_DAY);
        }
        if (kind == 7) {
            return List.of(WorkingInterval.parse("09:00-18:00"));
        }
        int count = 2 + (int) ((bits >>> 4) & 7) % 7;
        int[] points = new int[count];
        for (int i = 0; i < count; i++) {
            points[i] = TIMES[(int) ((bits >>> (7 + 7 * i)) & 0x7F)];
        }
        java.util.Arrays.sort(points);
        List<WorkingInterval> intervals = new ArrayList<>();
        for (int i = 0; i + 1 < count; i += 2) {
            boolean afterPrevious = intervals.isEmpty()
                    || points[i] >= intervals.get(intervals.size() - 1).endSecondOfDay();
            if (points[i] < points[i + 1] && afterPrevious) {
                intervals.add(new WorkingInterval(points[i], points[i + 1]));
            }
        }
        if (intervals.isEmpty() && nonEmpty) {
            intervals.add(new WorkingInterval(points[0] == 86_400 ? 0 : points[0], 86_400));
        }
        return intervals;
    }

    enum Shape {
        RANDOM,
        ONE_DAY,
        BUSINESS_DAYS,
        ALL_WEEK,
        AROUND_TWO_AM
    }

    private static final int[] SHAPE_WEIGHTS = {8, 2, 2, 1, 1};

    /** Weekly hours: random days in 8 of 14, one day in 2, Monday to Friday all day in 2, all week, or a 2am shift. */
    static WeeklyHours weeks(SplittableRandom random) {
        Shape shape = oneOf(
                random,
                SHAPE_WEIGHTS,
                Shape.RANDOM,
                Shape.ONE_DAY,
                Shape.BUSINESS_DAYS,
                Shape.ALL_WEEK,
                Shape.AROUND_TWO_AM);
        long[] bits = new long[7];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = random.nextLong();
        }
        switch (shape) {
            case ONE_DAY:
                return WeeklyHours.of(Map.of(
                        DayOfWeek.of(1 + (int) Math.floorMod(bits[1], 7L)), decodeDay(bits[0], true)));
            case BUSINESS_DAYS:
                return WeeklyHours.allDay(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
            case ALL_WEEK:
                return WeeklyHours.allWeek();
            case AROUND_TWO_AM:
                return WeeklyHours.of(
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                        WorkingInterval.parse("01:00-03:00"),
                        WorkingInterval.parse("09:00-18:00"));
            case RANDOM:
            default:
                Map<DayOfWeek, List<WorkingInterval>> map = new EnumMap<>(DayOfWeek.class);
                for (DayOfWeek day : DayOfWeek.values()) {
                    map.put(day, decodeDay(bits[day.ordinal()], false));
                }
                WeeklyHours week = WeeklyHours.of(map);
                return week.isEmpty() ? WeeklyHours.of(Map.of(DayOfWeek.WEDNESDAY, decodeDay(bits[2], true))) : week;
        }
    }

    private static final long WIDE_FROM = LocalDate.of(1972, 6, 1).toEpochDay();
    private static final long WIDE_TO = LocalDate.of(2190, 1, 1).toEpochDay();
    private static final long NARROW_FROM = LocalDate.of(1985, 1, 1).toEpochDay();
    private static final long NARROW_TO = LocalDate.of(2040, 1, 1).toEpochDay();

    /** Dates from mid-1972 to 2190, two thirds of them from 1985–2040. */
    static LocalDate baseDates(SplittableRandom random) {
        int which = uniform(random, 0, 2);
        long r = uniformLong(random, 0, Long.MAX_VALUE);
        return which == 0
                ? LocalDate.ofEpochDay(WIDE_FROM + r % (WIDE_TO - WIDE_FROM + 1))
                : LocalDate.ofEpochDay(NARROW_FROM + r % (NARROW_TO - NARROW_FROM + 1));
    }

    /** An int from {@code min} to {@code max} inclusive, all equally likely. */
    static int uniform(SplittableRandom random, int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** A long from {@code min} (above {@link Long#MIN_VALUE}) to {@code max} inclusive, all equally likely. */
    static long uniformLong(SplittableRandom random, long min, long max) {
        return max < Long.MAX_VALUE ? random.nextLong(min, max + 1) : random.nextLong(min - 1, max) + 1;
    }

    /** One of {@code values}, each as likely as its weight at the same position says. */
    @SafeVarargs
    static <T> T oneOf(SplittableRandom random, int[] weights, T... values) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int r = random.nextInt(total);
        for (int i = 0; ; i++) {
            r -= weights[i];
            if (r < 0) {
                return values[i];
            }
        }
    }

    private static final int[] RUN_WEIGHTS = {3, 1, 1};

    /**
     * Offsets from the base date: up to 25 scattered holidays within 450 days, and in 2 of 5 a run of 5
     * or 20 consecutive ones.
     */
    static List<Integer> holidayOffsets(SplittableRandom random) {
        int count = uniform(random, 0, 25);
        int runFrom = uniform(random, -3, 60);
        int runLength = oneOf(random, RUN_WEIGHTS, 0, 5, 20);
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            offsets.add(random.nextInt(-10, 451));
        }
        for (int i = 0; i < runLength; i++) {
            offsets.add(runFrom + i);
        }
        return offsets;
    }

    /** A setup in one of {@link #ZONES}; in 1 of 8 with {@link #gapWeek} hours near a gap where the zone has one. */
    static Setup setups(SplittableRandom random) {
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        WeeklyHours week = weeks(random);
        boolean aroundGap = random.nextInt(8) == 0;
        LocalDate base = baseDates(random);
        Set<LocalDate> holidays = new TreeSet<>();
        holidayOffsets(random).forEach(offset -> holidays.add(base.plusDays(offset)));
        if (aroundGap) {
            ZoneOffsetTransition gap = nextGap(zone, base);
            if (gap != null) {
                // start near the gap, where these hours overlap
                LocalDate nearGap = gap.getDateTimeBefore().toLocalDate().minusDays(10);
                return new Setup(zone, gapWeek(gap), holidays, nearGap);
            }
        }
        return new Setup(zone, week, holidays, base);
    }

    /**
     * Hours that, converted, overlap on the day the clocks skip forward: one interval ends in the
     * middle of the gap and the next starts as the gap ends, so both cover the same instants. This is
     * where working time must count each instant once.
     */
    static WeeklyHours gapWeek(ZoneOffsetTransition gap) {
        int start = gap.getDateTimeBefore().toLocalTime().toSecondOfDay();
        int length = (int) gap.getDuration().getSeconds();
        int end = start + length;
        List<WorkingInterval> hours = new ArrayList<>();
        hours.add(new WorkingInterval(Math.max(0, start - 1800), start + length / 2));
        if (end < 86_400) {
            hours.add(new WorkingInterval(end, Math.min(86_400, end + 1800)));
        }
        if (end + 1800 <= 32_400) {
            hours.add(WorkingInterval.parse("09:00-18:00"));
        }
        return WeeklyHours.of(EnumSet.allOf(DayOfWeek.class), hours.toArray(new WorkingInterval[0]));
    }

    /** The zone's first gap (clocks skipping forward) within about two years after {@code base}, or null. */
    static ZoneOffsetTransition nextGap(ZoneId zone, LocalDate base) {
        Instant from = base.atStartOfDay(ZoneOffset.UTC).toInstant();
        ZoneOffsetTransition gap = zone.getRules().nextTransition(from);
        for (int i = 0; i < 4 && gap != null && !gap.isGap(); i++) {
            gap = zone.getRules().nextTransition(gap.getInstant());
        }
        boolean near = gap != null && gap.isGap() && gap.getInstant().isBefore(from.plus(Duration.ofDays(800)));
        return near ? gap : null;
    }

    /**
     * Hours that, converted, hold nothing on the day the clocks skip forward: the first interval
     * starts in the middle of the gap and ends just after it, earlier than it starts once converted.
     * Null where the gap is too long for that to fit in a day.
     */
    static WeeklyHours collapseWeek(ZoneOffsetTransition gap) {
        int start = gap.getDateTimeBefore().toLocalTime().toSecondOfDay();
        int length = (int) gap.getDuration().getSeconds();
        int end = start + length;
        if (end + length > 86_400) {
            return null;
        }
        List<WorkingInterval> hours = new ArrayList<>();
        hours.add(new WorkingInterval(start + length / 2, end + length / 4));
        hours.add(new WorkingInterval(end + length / 2, end + length));
        if (end + length <= 32_400) {
            hours.add(WorkingInterval.parse("09:00-18:00"));
        }
        return WeeklyHours.of(EnumSet.allOf(DayOfWeek.class), hours.toArray(new WorkingInterval[0]));
    }

    /** Zones whose clocks skip forward at some time in the generated years. */
    static final List<ZoneId> GAP_ZONES = ZONES.stream()
            .filter(zone -> !List.of("Z", "Asia/Kolkata", "Asia/Kathmandu").contains(zone.getId()))
            .toList();

    /** A calendar, a start and a number of business days. */
    record BusinessDayCase(Setup setup, Instant s, int days) {
        @Override
        public String toString() {
            return setup + " | s=" + s + " (" + s.atZone(setup.zone()) + ") days=" + days;
        }
    }

    /**
     * Business-day targets that land on the day the clocks skip forward, started at a time of day in
     * or around the gap, on calendars whose hours overlap or vanish on that day.
     */
    static BusinessDayCase businessDaysAroundGaps(SplittableRandom random) {
        ZoneId zone = GAP_ZONES.get(random.nextInt(GAP_ZONES.size()));
        LocalDate base = baseDates(random);
        boolean collapse = random.nextBoolean();
        int daysBefore = uniform(random, 1, 5);
        int timeChoice = uniform(random, 0, 11);
        int adjust = uniform(random, -1, 1);
        long delta = deltas(random);
        ZoneOffsetTransition gap = nextGap(zone, base);
        if (gap == null) {
            Setup plain = new Setup(zone, WeeklyHours.allWeek(), Set.of(), base);
            Instant s = base.atStartOfDay(zone).toInstant().plusNanos(delta);
            return new BusinessDayCase(plain, s, daysBefore);
        }
        WeeklyHours week = collapse ? collapseWeek(gap) : null;
        week = week == null ? gapWeek(gap) : week;
        int start = gap.getDateTimeBefore().toLocalTime().toSecondOfDay();
        int length = (int) gap.getDuration().getSeconds();
        int[] times = {
            start - length,
            start - length / 2,
            start - 1,
            start,
            start + length / 4,
            start + length / 2,
            start + 3 * length / 4,
            start + length - 1,
            start + length,
            start + length + length / 4,
            start + 3 * length / 2,
            start + 2 * length
        };
        int time = Math.max(0, Math.min(86_399, times[timeChoice]));
        LocalDate day = gap.getDateTimeBefore().toLocalDate().minusDays(daysBefore);
        Instant s = ReferenceCalendar.toInstant(zone, day, time).plusNanos(delta);
        Setup setup = new Setup(zone, week, Set.of(), day);
        return new BusinessDayCase(setup, s, Math.max(0, daysBefore + adjust));
    }

    private static final long[] SMALL_DELTAS = {1, -1, 1_000_000, -1_000_000, 1_000_000_000, -1_000_000_000};

    /** Nudges in nanoseconds: none (6 in 8), one of a few small ones, or anything within a day. */
    static long deltas(SplittableRandom random) {
        int which = uniform(random, 0, 7);
        return which < 6
                ? 0L
                : which == 6
                        ? SMALL_DELTAS[uniform(random, 0, SMALL_DELTAS.length - 1)]
                        : uniformLong(random, -DAY_NANOS, DAY_NANOS);
    }

    /** The natural logarithm of a year in seconds, in millionths. */
    private static final long MAX_EXPONENT_MICROS = 17_266_600;

    /**
     * Spans from a second to a year, uniform in their logarithm (to six decimals): zero in 1 of 10,
     * whole seconds in 3, any nanosecond in 6.
     */
    static Duration spans(SplittableRandom random) {
        int which = uniform(random, 0, 9);
        double exponent = uniformLong(random, 0, MAX_EXPONENT_MICROS) / 1e6;
        Duration span = Duration.ofNanos(Math.round(Math.exp(exponent) * 1e9));
        return which == 0 ? Duration.ZERO : which <= 3 ? Duration.ofSeconds(span.getSeconds()) : span;
    }

    /** A fraction from 0 to 1: exactly 0 in 1 of 20, exactly 1 in 1 of 20, otherwise any double below 1. */
    static double fractions(SplittableRandom random) {
        int which = random.nextInt(20);
        return which == 0 ? 0 : which == 1 ? 1 : random.nextDouble();
    }

    /** How to pick an instant; resolved against a setup and a reference point by {@link #resolve}. */
    enum Kind {
        /** Reference point plus {@code span}, at any nanosecond. */
        AFTER,
        /** Reference point minus {@code span}. */
        BEFORE,
        /** Start or end of a working interval on a date {@code day} days from the reference, nudged. */
        BOUNDARY,
        /** The zone's next offset transition after a date {@code day} days from the reference, nudged. */
        TRANSITION,
        /** Anywhere up to {@code day} days after the reference date (in whole seconds when {@code side}). */
        ANYWHERE,
        /**
         * Within a day of the edge of one of the calendar's precomputed slices nearest the reference:
         * of working time when {@code side}, of business days otherwise.
         */
        SLICE_EDGE
    }

    /** The generated choices for one instant, resolved against a setup and a reference point later. */
    record Pick(Kind kind, Duration span, int day, int index, boolean side, long delta, long fraction) {}

    static Pick picks(SplittableRandom random, int[] kindWeights, int maxDay) {
        return new Pick(
                oneOf(
                        random,
                        kindWeights,
                        Kind.AFTER,
                        Kind.BEFORE,
                        Kind.BOUNDARY,
                        Kind.TRANSITION,
                        Kind.ANYWHERE,
                        Kind.SLICE_EDGE),
                spans(random),
                uniform(random, -1, maxDay),
                uniform(random, 0, 7),
                random.nextBoolean(),
                deltas(random),
                uniformLong(random, 0, Long.MAX_VALUE));
    }

    /** The instant a pick stands for, relative to {@code from}. */
    static Instant resolve(Setup setup, Instant from, Pick pick) {
        LocalDate date = LocalDate.ofInstant(from, ZoneOffset.UTC).plusDays(pick.day());
        switch (pick.kind()) {
            case AFTER:
                return from.plus(pick.span());
            case BEFORE:
                return from.minus(pick.span());
            case BOUNDARY: {
                List<WorkingInterval> hours = setup.week().on(date.getDayOfWeek());
                int second = 0;
                if (!hours.isEmpty()) {
                    WorkingInterval interval = hours.get(pick.index() % hours.size());
                    second = pick.side() ? interval.startSecondOfDay() : interval.endSecondOfDay();
                }
                return ReferenceCalendar.toInstant(setup.zone(), date, second).plusNanos(pick.delta());
            }
            case TRANSITION: {
                Instant after = date.atStartOfDay(ZoneOffset.UTC).toInstant();
                ZoneOffsetTransition next = setup.zone().getRules().nextTransition(after);
                boolean near = next != null && next.getInstant().isBefore(after.plus(Duration.ofDays(400)));
                // on one side, up to a day before the transition, so that spans from there cross it
                long before = pick.side() ? Math.floorMod(pick.fraction(), DAY_NANOS) : 0;
                return (near ? next.getInstant() : after).plusNanos(pick.delta() - before);
            }
            case SLICE_EDGE: {
                Instant edge;
                if (pick.side()) {
                    long slice = 1L << WorkCalendar.TIME_SLICE_SHIFT;
                    long nanos = from.getEpochSecond() * 1_000_000_000L + slice / 2;
                    long edgeNanos = nanos - Math.floorMod(nanos, slice);
                    edge = Instant.ofEpochSecond(edgeNanos / 1_000_000_000L, edgeNanos % 1_000_000_000L);
                } else {
                    long slice = 1L << WorkCalendar.DAY_SLICE_SHIFT;
                    long day = LocalDate.ofInstant(from, ZoneOffset.UTC).toEpochDay() + slice / 2;
                    long edgeDay = day - Math.floorMod(day - WorkCalendar.FIRST_DAY, slice);
                    edge = LocalDate.ofEpochDay(edgeDay)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                }
                return edge.plusNanos(Math.floorMod(pick.fraction(), 2 * DAY_NANOS) - DAY_NANOS);
            }
            case ANYWHERE:
            default: {
                long days = Math.max(1, pick.day() + 2);
                long nanos = Math.floorMod(pick.fraction(), days * DAY_NANOS);
                Instant at = date.minusDays(pick.day() + 2)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .plusNanos(nanos);
                return pick.side() ? Instant.ofEpochSecond(at.getEpochSecond()) : at;
            }
        }
    }

    // s relative to the base date: anywhere, an interval boundary, or a transition;
    // t relative to s: mostly a span after it, sometimes before, a boundary, a transition, or far away
    private static final int[] START_WEIGHTS = {0, 0, 4, 2, 5, 2};
    private static final int[] END_WEIGHTS = {10, 3, 3, 1, 1, 0};

    static Case cases(SplittableRandom random) {
        Setup setup = setups(random);
        Pick sPick = picks(random, START_WEIGHTS, 60);
        Pick tPick = picks(random, END_WEIGHTS, 20);
        Instant base = setup.base().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant s = resolve(setup, base, sPick);
        Instant t = resolve(setup, s, tPick);
        return new Case(setup, s, t);
    }
}
