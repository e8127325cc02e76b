package io.sladesk.calendar;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A slow, plainly correct version of {@link WorkCalendar}, to check it against: it walks the time line
 * a day at a time, converting every working interval with {@link ZonedDateTime#of}, with no tables,
 * running sums or binary searches.
 *
 * <p>Working time is defined as in {@code WorkCalendar}: the instants covered by at least one
 * converted interval of a non-holiday day. To measure a stretch of time, the reference cuts it at
 * every converted interval boundary; between two cuts an instant is either working or not throughout,
 * so it asks {@link #isWorkingTime} of the first instant of each piece.
 *
 * <p>It remembers each date's converted intervals (a plain map), which only saves repeating the same
 * {@code ZonedDateTime.of} calls. Not thread-safe. Public so that the benchmarks (another module) can
 * compare with it; it ships in the calendar's test jar only.
 */
public final class ReferenceCalendar {

    private static final Duration DAY = Duration.ofDays(1);

    private final ZoneId zone;
    private final WeeklyHours week;
    private final Set<LocalDate> holidays;
    private final Map<LocalDate, List<Instant[]>> converted = new HashMap<>();

    public ReferenceCalendar(ZoneId zone, WeeklyHours week, Set<LocalDate> holidays) {
        this.zone = zone;
        this.week = week;
        this.holidays = Set.copyOf(holidays);
    }

    /** A reference for the same zone, hours and holidays as {@code calendar}. */
    public static ReferenceCalendar of(WorkCalendar calendar) {
        return new ReferenceCalendar(calendar.zone(), calendar.weeklyHours(), calendar.holidays());
    }

    /** A local date and second of the day (up to 86,400 = 24:00) as an instant, by ZonedDateTime.of. */
    public Instant toInstant(LocalDate date, int secondOfDay) {
        return toInstant(zone, date, secondOfDay);
    }

    /** A local date and second of the day (up to 86,400 = 24:00) in a zone as an instant, by ZonedDateTime.of. */
    public static Instant toInstant(ZoneId zone, LocalDate date, int secondOfDay) {
        if (secondOfDay == WorkingInterval.END_OF_DAY) {
            return ZonedDateTime.of(date.plusDays(1), LocalTime.MIDNIGHT, zone).toInstant();
        }
        return ZonedDateTime.of(date, LocalTime.ofSecondOfDay(secondOfDay), zone)
                .toInstant();
    }

    /** The working intervals of a date as {start, end} instants, those that hold no time left out. */
    public List<Instant[]> intervalsOf(LocalDate date) {
        return converted.computeIfAbsent(date, d -> {
            List<Instant[]> result = new ArrayList<>();
            if (!holidays.contains(d)) {
                for (WorkingInterval interval : week.on(d.getDayOfWeek())) {
                    Instant start = toInstant(d, interval.startSecondOfDay());
                    Instant end = toInstant(d, interval.endSecondOfDay());
                    if (end.isAfter(start)) {
                        result.add(new Instant[] {start, end});
                    }
                }
            }
            return result;
        });
    }

    /**
     * Every converted interval of every date whose intervals could reach {@code [from, to]}: the UTC
     * dates of both ends widened by three days, more than any offset (18 h) plus any gap (24 h).
     */
    private List<Instant[]> intervalsNear(Instant from, Instant to) {
        List<Instant[]> result = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC).plusDays(3);
        for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC).minusDays(3);
                !d.isAfter(last);
                d = d.plusDays(1)) {
            result.addAll(intervalsOf(d));
        }
        return result;
    }

    public boolean isWorkingTime(Instant t) {
        for (Instant[] interval : intervalsNear(t, t)) {
            if (!t.isBefore(interval[0]) && t.isBefore(interval[1])) {
                return true;
            }
        }
        return false;
    }

    /** {@code from}, {@code to} and every interval boundary strictly between them, sorted. */
    private List<Instant> cuts(Instant from, Instant to) {
        TreeSet<Instant> cuts = new TreeSet<>(List.of(from, to));
        for (Instant[] interval : intervalsNear(from, to)) {
            for (Instant boundary : interval) {
                if (boundary.isAfter(from) && boundary.isBefore(to)) {
                    cuts.add(boundary);
                }
            }
        }
        return new ArrayList<>(cuts);
    }

    public Duration between(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return between(to, from).negated();
        }
        Duration total = Duration.ZERO;
        for (Instant p = from; p.isBefore(to); ) {
            Instant q = min(to, p.plus(DAY));
            List<Instant> cuts = cuts(p, q);
            for (int i = 0; i + 1 < cuts.size(); i++) {
                if (isWorkingTime(cuts.get(i))) {
                    total = total.plus(Duration.between(cuts.get(i), cuts.get(i + 1)));
                }
            }
            p = q;
        }
        return total;
    }

    public Instant add(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("negative");
        }
        if (amount.isZero()) {
            return start;
        }
        Duration remaining = amount;
        for (Instant p = start; ; p = p.plus(DAY)) {
            checkRange(p);
            List<Instant> cuts = cuts(p, p.plus(DAY));
            for (int i = 0; i + 1 < cuts.size(); i++) {
                if (isWorkingTime(cuts.get(i))) {
                    Duration piece = Duration.between(cuts.get(i), cuts.get(i + 1));
                    if (remaining.compareTo(piece) <= 0) {
                        return cuts.get(i).plus(remaining);
                    }
                    remaining = remaining.minus(piece);
                }
            }
        }
    }

    public Instant effectiveStart(Instant t) {
        if (isWorkingTime(t)) {
            return t;
        }
        for (Instant p = t; ; p = p.plus(DAY)) {
            checkRange(p);
            Instant q = p.plus(DAY);
            Instant next = null;
            // every interval that starts by q comes from a date intervalsNear(p, q) covers
            for (Instant[] interval : intervalsNear(p, q)) {
                if (interval[0].isAfter(t) && !interval[0].isAfter(q) && (next == null || interval[0].isBefore(next))) {
                    next = interval[0];
                }
            }
            if (next != null) {
                return next;
            }
        }
    }

    public boolean isBusinessDay(LocalDate date) {
        return !intervalsOf(date).isEmpty();
    }

    public Instant addBusinessDays(Instant start, int days) {
        Instant s = effectiveStart(start);
        if (days == 0) {
            return s;
        }
        LocalDateTime local = LocalDateTime.ofInstant(s, zone);
        LocalTime time = local.toLocalTime();
        LocalDate date = local.toLocalDate();
        for (int counted = 0; counted < days; ) {
            date = date.plusDays(1);
            if (isBusinessDay(date)) {
                counted++;
            }
        }
        WorkingInterval last = null;
        for (WorkingInterval interval : week.on(date.getDayOfWeek())) {
            if (!toInstant(date, interval.endSecondOfDay()).isAfter(toInstant(date, interval.startSecondOfDay()))) {
                continue; // holds no time on this date
            }
            boolean endsAfterTime =
                    interval.endsAtEndOfDay() || time.isBefore(LocalTime.ofSecondOfDay(interval.endSecondOfDay()));
            if (endsAfterTime) {
                if (time.isBefore(interval.start())) {
                    return toInstant(date, interval.startSecondOfDay());
                }
                return ZonedDateTime.of(date, time, zone).toInstant();
            }
            last = interval;
        }
        return toInstant(date, last.endSecondOfDay());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void checkRange(Instant p) {
        if (p.isAfter(WorkCalendar.SUPPORTED_UNTIL.plus(DAY))) {
            throw new DateTimeException("reference walked past the supported range");
        }
    }
}
