package io.sladesk.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * When the SLA clock runs: a time zone, weekly working hours in local time, and holidays.
 *
 * <p><b>Working time</b> is the set of instants inside the working intervals of the days that are not
 * holidays, each interval converted from local time to instants by the rules of {@link
 * ZonedDateTime#of}: a local time in a daylight-saving gap moves later by the length of the gap, an
 * ambiguous local time takes the earlier offset, and 24:00 is 00:00 of the next day. So on a
 * daylight-saving day an interval lasts as long as the wall clock says: a 00:00–24:00 day that skips
 * an hour holds 23 hours. An interval that ends up empty or reversed after conversion holds nothing;
 * where converted intervals overlap (possible only around a daylight-saving gap), an instant counts
 * once.
 *
 * <p><b>Precision and range.</b> Arithmetic is exact to the nanosecond, so nothing is truncated: a
 * start with a fraction of a millisecond keeps it. Calendars other than {@link #isAlwaysOpen() always
 * open} ones accept and produce instants from {@link #SUPPORTED_FROM} (1970) to {@link
 * #SUPPORTED_UNTIL} (2200) inclusive and throw {@link DateTimeException} outside that range; an always
 * open calendar is plain {@link Instant} arithmetic with no range of its own.
 *
 * <p><b>Cost.</b> {@link #add}, {@link #between}, {@link #effectiveStart}, {@link #isWorkingTime} and
 * {@link #addBusinessDays} take a binary search in precomputed tables, so adding 90 business days
 * costs about what adding an hour does. The tables (working intervals as instants with a running sum
 * of working time, and a running count of business days) are built lazily, a slice of about two years
 * at a time on first use, and kept for the life of the calendar: construction itself is cheap, and a
 * calendar should be kept and reused rather than built per call. A span crossing slices adds one step
 * per slice crossed.
 *
 * <p>Instances are immutable and safe to share between threads (the lazily built slices are published
 * through atomic references; two threads may build the same slice, and either result is the same).
 */
public final class WorkCalendar {

    /** The earliest instant a calendar with hours accepts or returns: 1970-01-01T00:00:00Z. */
    public static final Instant SUPPORTED_FROM = Instant.EPOCH;

    /** The latest instant a calendar with hours accepts or returns: 2200-01-01T00:00:00Z. */
    public static final Instant SUPPORTED_UNTIL = Instant.parse("2200-01-01T00:00:00Z");

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final long UNTIL_NANOS = SUPPORTED_UNTIL.getEpochSecond() * NANOS_PER_SECOND;

    /** A slice of working time covers 2^56 ns of instants, about 2.28 years. */
    static final int TIME_SLICE_SHIFT = 56; // package-private: tests aim at slice edges

    private static final int TIME_SLICES = (int) (UNTIL_NANOS >> TIME_SLICE_SHIFT) + 1;

    /** A slice of business days covers 2^9 = 512 local dates. */
    static final int DAY_SLICE_SHIFT = 9;

    static final long FIRST_DAY = -(1L << DAY_SLICE_SHIFT);
    private static final long LAST_DAY = LocalDate.of(2200, 1, 2).toEpochDay();
    private static final int DAY_SLICES = (int) ((LAST_DAY - FIRST_DAY) >> DAY_SLICE_SHIFT) + 1;
    private static final long NO_DAY = Long.MIN_VALUE;

    /** No longer amount can fit in the supported range. */
    private static final Duration LONGEST_AMOUNT = Duration.ofNanos(UNTIL_NANOS);

    private static final WorkCalendar ALWAYS_OPEN = new WorkCalendar(ZoneOffset.UTC, WeeklyHours.allWeek(), List.of());

    private final ZoneId zone;
    private final ZoneRules rules;
    private final WeeklyHours week;
    private final SortedSet<LocalDate> holidays;

    /** Holidays as sorted epoch days. */
    private final long[] holidayDays;
    /** Per day of the week, Monday = 0: interval starts and ends in seconds of the day. */
    private final int[][] weekStarts;

    private final int[][] weekEnds;

    /** Every instant is working time: all seven days 00:00–24:00 and no holidays. */
    private final boolean alwaysOpen;

    private final AtomicReferenceArray<TimeSlice> timeSlices;
    private final AtomicReferenceArray<DaySlice> daySlices;

    private WorkCalendar(ZoneId zone, WeeklyHours week, Collection<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = zone.getRules();
        this.week = Objects.requireNonNull(week, "week");
        Objects.requireNonNull(holidays, "holidays");
        TreeSet<LocalDate> sorted = new TreeSet<>();
        for (LocalDate holiday : holidays) {
            if (holiday == null) {
                throw new IllegalArgumentException("a holiday is missing its date");
            }
            sorted.add(holiday);
        }
        this.holidays = Collections.unmodifiableSortedSet(sorted);
        this.holidayDays = sorted.stream().mapToLong(LocalDate::toEpochDay).toArray();
        this.weekStarts = new int[7][];
        this.weekEnds = new int[7][];
        for (DayOfWeek day : DayOfWeek.values()) {
            List<WorkingInterval> intervals = week.on(day);
            weekStarts[day.ordinal()] = intervals.stream()
                    .mapToInt(WorkingInterval::startSecondOfDay)
                    .toArray();
            weekEnds[day.ordinal()] =
                    intervals.stream().mapToInt(WorkingInterval::endSecondOfDay).toArray();
        }
        this.alwaysOpen = week.isAllWeek() && sorted.isEmpty();
        this.timeSlices = new AtomicReferenceArray<>(TIME_SLICES);
        this.daySlices = new AtomicReferenceArray<>(DAY_SLICES);
    }

    /**
     * The {@code 24x7} calendar: every instant is working time, so working time is plain elapsed time
     * and {@code add} is {@link Instant#plus}. Its zone, UTC, matters only to {@link #addBusinessDays},
     * where every day is a business day and a business day is 24 hours.
     */
    public static WorkCalendar alwaysOpen() {
        return ALWAYS_OPEN;
    }

    /**
     * The {@code business-days} calendar: Monday to Friday, the whole day, in the given zone, no
     * holidays (add them with {@link #withHolidays}).
     */
    public static WorkCalendar businessDays(ZoneId zone) {
        return new WorkCalendar(zone, WeeklyHours.allDay(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)), List.of());
    }

    /**
     * A calendar with the given hours and holidays.
     *
     * @param zone the zone the hours and holidays are read in
     * @param week the working intervals of each day of the week, in local time
     * @param holidays local dates with no working time, whatever their day of the week
     * @throws IllegalArgumentException if the week has no working time at all (nothing could ever be
     *     due), or a holiday is null
     */
    public static WorkCalendar of(ZoneId zone, WeeklyHours week, Collection<LocalDate> holidays) {
        Objects.requireNonNull(week, "week");
        if (week.isEmpty()) {
            throw new IllegalArgumentException("the weekly hours have no working time on any day");
        }
        return new WorkCalendar(zone, week, holidays);
    }

    /** The same zone and hours with these holidays instead of the current ones. */
    public WorkCalendar withHolidays(Collection<LocalDate> holidays) {
        return new WorkCalendar(zone, week, holidays);
    }

    /** The zone the hours and holidays are read in. */
    public ZoneId zone() {
        return zone;
    }

    /** The working intervals of each day of the week. */
    public WeeklyHours weeklyHours() {
        return week;
    }

    /** The holidays, sorted. */
    public SortedSet<LocalDate> holidays() {
        return holidays;
    }

    /** Whether every instant is working time (all seven days 00:00–24:00 and no holidays). */
    public boolean isAlwaysOpen() {
        return alwaysOpen;
    }

    /** Whether the instant lies in working time. */
    public boolean isWorkingTime(Instant instant) {
        if (alwaysOpen) {
            Objects.requireNonNull(instant, "instant");
            return true;
        }
        long t = toNanos(instant);
        TimeSlice slice = timeSlice(sliceOf(t));
        int j = slice.lastStartAtOrBefore(t);
        return j >= 0 && t < slice.ends[j];
    }

    /**
     * Where a clock started at {@code instant} begins to run: the instant itself if it is working time,
     * otherwise the start of the next working interval.
     *
     * @throws DateTimeException if there is no working time between the instant and {@link
     *     #SUPPORTED_UNTIL}
     */
    public Instant effectiveStart(Instant instant) {
        if (alwaysOpen) {
            return Objects.requireNonNull(instant, "instant");
        }
        long t = toNanos(instant);
        int k = sliceOf(t);
        TimeSlice slice = timeSlice(k);
        int j = slice.lastStartAtOrBefore(t);
        if (j >= 0 && t < slice.ends[j]) {
            return instant;
        }
        int next = j + 1;
        while (next == slice.starts.length && k + 1 < TIME_SLICES) {
            slice = timeSlice(++k);
            next = 0;
        }
        if (next == slice.starts.length || slice.starts[next] > UNTIL_NANOS) {
            throw new DateTimeException("no working time after " + instant + " up to " + SUPPORTED_UNTIL);
        }
        return toInstant(slice.starts[next]);
    }

    /**
     * The due instant of a duration counted in working time: the earliest instant at which the working
     * time elapsed since {@code start} equals {@code amount}. A target reached exactly at the end of a
     * working interval is due at that end, not at the start of the next interval; a zero amount is due
     * at {@code start} itself.
     *
     * @throws IllegalArgumentException if the amount is negative
     * @throws DateTimeException if the due instant would fall after {@link #SUPPORTED_UNTIL}
     */
    public Instant add(Instant start, Duration amount) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a working-time amount cannot be negative: " + amount);
        }
        if (alwaysOpen) {
            return start.plus(amount);
        }
        long s = toNanos(start);
        if (amount.isZero()) {
            return start;
        }
        if (amount.compareTo(LONGEST_AMOUNT) <= 0) {
            int k = sliceOf(s);
            TimeSlice slice = timeSlice(k);
            long need = slice.workedBefore(s) + amount.toNanos();
            while (need > slice.total && k + 1 < TIME_SLICES) {
                need -= slice.total;
                slice = timeSlice(++k);
            }
            if (need <= slice.total) {
                long due = slice.instantAt(need);
                if (due <= UNTIL_NANOS) {
                    return toInstant(due);
                }
            }
        }
        throw new DateTimeException(start + " + " + amount + " of working time is after " + SUPPORTED_UNTIL);
    }

    /**
     * The working time in {@code [from, to)}; negative, the working time in {@code [to, from)}, when
     * {@code to} is before {@code from}.
     */
    public Duration between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (alwaysOpen) {
            return Duration.between(from, to);
        }
        long a = toNanos(from);
        long b = toNanos(to);
        return a <= b
                ? Duration.ofNanos(worked(a, b))
                : Duration.ofNanos(worked(b, a)).negated();
    }

    /**
     * The due instant of a target of {@code days} business days: by the same local time of day, that
     * many business days later (see {@code docs/sla.md}, "Counting business days").
     *
     * <p>Let {@code s} be the {@link #effectiveStart effective start} and {@code t} its local time of
     * day. The due instant is {@code t} on the {@code days}-th business day after the local date of
     * {@code s}. If {@code t} is not inside a working interval of that day, it is the start of the
     * day's next working interval, or, when {@code t} is after the last one, the end of the last one.
     * Local times convert as everywhere else ({@code ZonedDateTime.of}). Zero days gives {@code s}.
     *
     * <p>A business day is a date that is not a holiday and has at least one working interval that
     * holds working time after conversion. An interval that holds none on a given date (one that
     * starts inside a daylight-saving gap and ends shortly after it converts to an end before its
     * start) is ignored on that date, here as everywhere.
     *
     * @throws IllegalArgumentException if {@code days} is negative
     * @throws DateTimeException if the due instant would fall after {@link #SUPPORTED_UNTIL}
     */
    public Instant addBusinessDays(Instant start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("a number of business days cannot be negative: " + days);
        }
        Instant s = effectiveStart(start);
        if (days == 0) {
            return s;
        }
        if (alwaysOpen && rules.isFixedOffset()) {
            return s.plus(Duration.ofDays(days));
        }
        long sNanos = toNanos(s);
        long local =
                Math.floorDiv(sNanos, NANOS_PER_SECOND) + rules.getOffset(s).getTotalSeconds();
        long firstDay = Math.floorDiv(local, SECONDS_PER_DAY);
        long timeOfDay =
                Math.floorMod(local, SECONDS_PER_DAY) * NANOS_PER_SECOND + Math.floorMod(sNanos, NANOS_PER_SECOND);

        long day = nthBusinessDayAfter(firstDay, days);
        if (day == NO_DAY) {
            throw beyondRange(start, days);
        }
        int weekday = dayOfWeekIndex(day);
        int[] starts = weekStarts[weekday];
        int[] ends = weekEnds[weekday];
        boolean checkEach = daySlice(daySliceOf(day)).isIrregular(day);
        long due = Long.MIN_VALUE;
        long lastEnd = Long.MIN_VALUE;
        for (int j = 0; j < starts.length && due == Long.MIN_VALUE; j++) {
            if (checkEach && !holdsTime(day, starts[j], ends[j])) {
                continue;
            }
            long startNanos = starts[j] * NANOS_PER_SECOND;
            long endNanos = ends[j] * NANOS_PER_SECOND;
            if (timeOfDay < endNanos) {
                due = convert(day, Math.max(timeOfDay, startNanos));
            }
            lastEnd = endNanos;
        }
        if (due == Long.MIN_VALUE) {
            due = convert(day, lastEnd);
        }
        if (due > UNTIL_NANOS) {
            throw beyondRange(start, days);
        }
        return toInstant(due);
    }

    /**
     * Whether a date is a business day: not a holiday, and with at least one working interval that
     * holds working time.
     */
    public boolean isBusinessDay(LocalDate date) {
        long day = date.toEpochDay();
        if (isHoliday(day)) {
            return false;
        }
        int weekday = date.getDayOfWeek().ordinal();
        for (int j = 0; j < weekStarts[weekday].length; j++) {
            if (holdsTime(day, weekStarts[weekday][j], weekEnds[weekday][j])) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkCalendar that
                && zone.equals(that.zone)
                && week.equals(that.week)
                && holidays.equals(that.holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, week, holidays);
    }

    @Override
    public String toString() {
        if (this == ALWAYS_OPEN) {
            return "WorkCalendar[24x7]";
        }
        return "WorkCalendar[" + zone + ", " + week + ", " + holidays.size() + " holidays]";
    }

    // ---- working time -------------------------------------------------------------------------

    /** Working nanoseconds in [a, b), a <= b, both in range. */
    private long worked(long a, long b) {
        int ka = sliceOf(a);
        int kb = sliceOf(b);
        TimeSlice first = timeSlice(ka);
        if (ka == kb) {
            return first.workedBefore(b) - first.workedBefore(a);
        }
        long sum = first.total - first.workedBefore(a);
        for (int k = ka + 1; k < kb; k++) {
            sum += timeSlice(k).total;
        }
        return sum + timeSlice(kb).workedBefore(b);
    }

    private static int sliceOf(long nanos) {
        return (int) (nanos >> TIME_SLICE_SHIFT);
    }

    private TimeSlice timeSlice(int k) {
        TimeSlice slice = timeSlices.get(k);
        if (slice == null) {
            slice = buildTimeSlice(k);
            if (!timeSlices.compareAndSet(k, null, slice)) {
                slice = timeSlices.get(k); // another thread built the same slice first
            }
        }
        return slice;
    }

    /**
     * The working intervals within one slice of instants, merged and clipped to it. The days converted
     * run three days past each end of the slice, so that every interval that can reach into it (offsets
     * are at most 18 hours, gaps at most a day) is seen, and overlapping intervals are merged before
     * clipping: the slices then partition the set of working instants exactly.
     */
    private TimeSlice buildTimeSlice(int k) {
        long lo = (long) k << TIME_SLICE_SHIFT;
        long hi = lo + (1L << TIME_SLICE_SHIFT);
        long firstDay = Math.floorDiv(lo / NANOS_PER_SECOND, SECONDS_PER_DAY) - 3;
        long lastDay = Math.floorDiv(hi / NANOS_PER_SECOND, SECONDS_PER_DAY) + 3;
        LocalToInstant conversion =
                LocalToInstant.over(rules, firstDay * SECONDS_PER_DAY, (lastDay + 1) * SECONDS_PER_DAY);
        IntervalList raw = new IntervalList(1024);
        for (long day = firstDay; day <= lastDay; day++) {
            if (isHoliday(day)) {
                continue;
            }
            int weekday = dayOfWeekIndex(day);
            int[] starts = weekStarts[weekday];
            int[] ends = weekEnds[weekday];
            long midnight = day * SECONDS_PER_DAY;
            for (int j = 0; j < starts.length; j++) {
                long a = conversion.toEpochSecond(midnight + starts[j]);
                long b = conversion.toEpochSecond(midnight + ends[j]);
                if (b > a) {
                    raw.add(a * NANOS_PER_SECOND, b * NANOS_PER_SECOND);
                }
            }
        }
        raw.sortByStart();
        IntervalList merged = new IntervalList(raw.size);
        for (int i = 0; i < raw.size; i++) {
            long a = raw.starts[i];
            long b = raw.ends[i];
            if (merged.size > 0 && a <= merged.ends[merged.size - 1]) {
                merged.ends[merged.size - 1] = Math.max(merged.ends[merged.size - 1], b);
            } else {
                merged.add(a, b);
            }
        }
        IntervalList clipped = new IntervalList(merged.size);
        for (int i = 0; i < merged.size; i++) {
            long a = Math.max(merged.starts[i], lo);
            long b = Math.min(merged.ends[i], hi);
            if (b > a) {
                clipped.add(a, b);
            }
        }
        return new TimeSlice(clipped);
    }

    /** Working intervals of one slice, as epoch nanoseconds, with the working time up to each end. */
    private static final class TimeSlice {
        final long[] starts;
        final long[] ends;
        /** Working nanoseconds in the slice up to the end of interval i. */
        final long[] workedToEnd;

        final long total;

        TimeSlice(IntervalList intervals) {
            int n = intervals.size;
            starts = Arrays.copyOf(intervals.starts, n);
            ends = Arrays.copyOf(intervals.ends, n);
            workedToEnd = new long[n];
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += ends[i] - starts[i];
                workedToEnd[i] = sum;
            }
            total = sum;
        }

        /** Index of the last interval starting at or before t, or -1. */
        int lastStartAtOrBefore(long t) {
            int low = 0;
            int high = starts.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (starts[mid] <= t) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low - 1;
        }

        /** Working nanoseconds in the slice before t (t inside the slice). */
        long workedBefore(long t) {
            int j = lastStartAtOrBefore(t);
            return j < 0 ? 0 : workedToEnd[j] - Math.max(0, ends[j] - t);
        }

        /** The earliest instant by which {@code need} working nanoseconds of the slice have elapsed. */
        long instantAt(long need) {
            int low = 0;
            int high = workedToEnd.length - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (workedToEnd[mid] >= need) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return ends[low] - (workedToEnd[low] - need);
        }
    }

    /** A growable pair of arrays of interval starts and ends. */
    private static final class IntervalList {
        long[] starts;
        long[] ends;
        int size;

        IntervalList(int capacity) {
            starts = new long[Math.max(capacity, 16)];
            ends = new long[starts.length];
        }

        void add(long start, long end) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size] = end;
            size++;
        }

        /** Insertion sort: the intervals come nearly sorted, out of order only around a gap. */
        void sortByStart() {
            for (int i = 1; i < size; i++) {
                long s = starts[i];
                long e = ends[i];
                int j = i - 1;
                while (j >= 0 && starts[j] > s) {
                    starts[j + 1] = starts[j];
                    ends[j + 1] = ends[j];
                    j--;
                }
                starts[j + 1] = s;
                ends[j + 1] = e;
            }
        }
    }

    // ---- business days ------------------------------------------------------------------------

    private static DateTimeException beyondRange(Instant start, int days) {
        return new DateTimeException(start + " + " + days + " business days is after " + SUPPORTED_UNTIL);
    }

    /** The n-th business day after a date (n >= 1), or NO_DAY if it is past the last slice. */
    private long nthBusinessDayAfter(long day, int n) {
        int k = daySliceOf(day);
        DaySlice slice = daySlice(k);
        long need = (long) slice.countThrough(day) + n;
        while (need > slice.total) {
            need -= slice.total;
            if (++k >= DAY_SLICES) {
                return NO_DAY;
            }
            slice = daySlice(k);
        }
        return slice.dayOfCount((int) need);
    }

    private static int daySliceOf(long day) {
        return (int) ((day - FIRST_DAY) >> DAY_SLICE_SHIFT);
    }

    private DaySlice daySlice(int k) {
        DaySlice slice = daySlices.get(k);
        if (slice == null) {
            slice = buildDaySlice(k);
            if (!daySlices.compareAndSet(k, null, slice)) {
                slice = daySlices.get(k); // another thread built the same slice first
            }
        }
        return slice;
    }

    private DaySlice buildDaySlice(int k) {
        long first = FIRST_DAY + ((long) k << DAY_SLICE_SHIFT);
        int length = 1 << DAY_SLICE_SHIFT;
        LocalToInstant conversion =
                LocalToInstant.over(rules, first * SECONDS_PER_DAY, (first + length + 1) * SECONDS_PER_DAY);
        int[] countThrough = new int[length];
        long[] irregular = new long[0];
        int count = 0;
        for (int i = 0; i < length; i++) {
            long day = first + i;
            if (!isHoliday(day)) {
                int weekday = dayOfWeekIndex(day);
                int[] starts = weekStarts[weekday];
                int[] ends = weekEnds[weekday];
                long midnight = day * SECONDS_PER_DAY;
                int holding = 0;
                for (int j = 0; j < starts.length; j++) {
                    if (conversion.toEpochSecond(midnight + ends[j]) > conversion.toEpochSecond(midnight + starts[j])) {
                        holding++;
                    }
                }
                if (holding > 0) {
                    count++;
                }
                if (holding > 0 && holding < starts.length) {
                    irregular = Arrays.copyOf(irregular, irregular.length + 1);
                    irregular[irregular.length - 1] = day;
                }
            }
            countThrough[i] = count;
        }
        return new DaySlice(first, countThrough, irregular);
    }

    /** Running count of business days over 512 consecutive local dates. */
    private static final class DaySlice {
        final long first;
        /** Business days among dates first .. first + i, inclusive. */
        final int[] countThrough;

        final int total;
        /** Business days on which some, not all, intervals hold no working time; sorted. */
        final long[] irregular;

        DaySlice(long first, int[] countThrough, long[] irregular) {
            this.first = first;
            this.countThrough = countThrough;
            this.total = countThrough[countThrough.length - 1];
            this.irregular = irregular;
        }

        int countThrough(long day) {
            return countThrough[(int) (day - first)];
        }

        /** The date at which the running count first reaches {@code count} (1 to total). */
        long dayOfCount(int count) {
            int low = 0;
            int high = countThrough.length - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (countThrough[mid] >= count) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return first + low;
        }

        boolean isIrregular(long day) {
            return Arrays.binarySearch(irregular, day) >= 0;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private boolean isHoliday(long epochDay) {
        return holidayDays.length > 0 && Arrays.binarySearch(holidayDays, epochDay) >= 0;
    }

    /** Monday = 0 ... Sunday = 6; 1970-01-01 was a Thursday. */
    private static int dayOfWeekIndex(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L);
    }

    /** Whether an interval of a date holds working time once converted to instants. */
    private boolean holdsTime(long day, int startSecond, int endSecond) {
        return convert(day, endSecond * NANOS_PER_SECOND) > convert(day, startSecond * NANOS_PER_SECOND);
    }

    /** Epoch nanoseconds of a local date and a time of day in nanoseconds (up to 24:00), as ZonedDateTime.of. */
    private long convert(long day, long nanoOfDay) {
        long localSecond = day * SECONDS_PER_DAY + nanoOfDay / NANOS_PER_SECOND;
        int nano = (int) (nanoOfDay % NANOS_PER_SECOND);
        long epochSecond;
        if (rules.isFixedOffset()) {
            epochSecond = localSecond - rules.getOffset(Instant.EPOCH).getTotalSeconds();
        } else {
            LocalDateTime local = LocalDateTime.ofEpochSecond(localSecond, nano, ZoneOffset.UTC);
            epochSecond = ZonedDateTime.of(local, zone).toEpochSecond();
        }
        return epochSecond * NANOS_PER_SECOND + nano;
    }

    private static long toNanos(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (instant.isBefore(SUPPORTED_FROM) || instant.isAfter(SUPPORTED_UNTIL)) {
            throw new DateTimeException(
                    instant + " is outside the supported range " + SUPPORTED_FROM + " to " + SUPPORTED_UNTIL);
        }
        return instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
    }

    private static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }
}
