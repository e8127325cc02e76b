package io.sladesk.server.sla;

import io.sladesk.calendar.WeeklyHours;
import io.sladesk.calendar.WorkCalendar;
import io.sladesk.calendar.WorkingInterval;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A slow, plainly correct model of the clock arithmetic of sla.md, for the property tests. It uses
 * nothing of the production code: time is whole minutes (epoch minutes), a calendar is a table saying
 * which minutes are working time, built straight from the definition (every local working interval
 * of every non-holiday date, converted with {@code ZonedDateTime.of}), and every due instant is found
 * by walking the minutes one at a time.
 *
 * <p>Pauses are {@code long[]{from, to}} in epoch minutes, {@code [from, to)}, sorted and disjoint
 * (they may touch, may be empty, and the first may begin before the start), which is what a clock's
 * history produces.
 */
final class MinuteReference {
    private MinuteReference() {}

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** The table covers these instants; a walk that leaves them fails loudly instead of guessing. */
    static final long TABLE_FROM = minute(Instant.parse("2025-11-01T00:00:00Z"));

    static final long TABLE_UNTIL = minute(Instant.parse("2027-10-01T00:00:00Z"));

    static long minute(Instant i) {
        if (i.getNano() != 0 || i.getEpochSecond() % 60 != 0) throw new IllegalArgumentException("not a minute: " + i);
        return i.getEpochSecond() / 60;
    }

    static Instant instant(long minute) {
        return Instant.ofEpochSecond(minute * 60);
    }

    /** What a walk found: a due minute, or (paused with time left) the working minutes remaining. */
    record Expected(Long due, Long remaining) {
        static Expected dueAt(long m) {
            return new Expected(m, null);
        }

        static Expected left(long minutes) {
            return new Expected(null, minutes);
        }

        Instant dueInstant() {
            return due == null ? null : instant(due);
        }

        java.time.Duration remainingDuration() {
            return remaining == null ? null : java.time.Duration.ofMinutes(remaining);
        }

        @Override
        public String toString() {
            return due != null ? "due " + instant(due) : remaining + " working min left";
        }
    }

    /**
     * A calendar given as a zone, intervals per day of the week in minutes of the local day ({@code
     * [start, end)}, end up to 1440 = 24:00) and holidays; with the production {@link WorkCalendar}
     * built from the same description.
     */
    static final class MinuteCalendar {
        final String name;
        final ZoneId zone;
        final Map<DayOfWeek, List<int[]>> week;
        final Set<LocalDate> holidays;
        final WorkCalendar production;
        private final boolean[] working;

        MinuteCalendar(
                String name,
                ZoneId zone,
                Map<DayOfWeek, List<int[]>> week,
                Set<LocalDate> holidays,
                WorkCalendar production) {
            this.name = name;
            this.zone = zone;
            this.week = week;
            this.holidays = Set.copyOf(holidays);
            this.production = production;
            this.working = new boolean[(int) (TABLE_UNTIL - TABLE_FROM)];
            // sla.md: working time is the instants inside the working intervals of the non-holiday
            // days, each converted from local time with ZonedDateTime.of
            LocalDate last =
                    LocalDate.ofInstant(instant(TABLE_UNTIL), ZoneOffset.UTC).plusDays(2);
            for (LocalDate d = LocalDate.ofInstant(instant(TABLE_FROM), ZoneOffset.UTC)
                            .minusDays(2);
                    !d.isAfter(last);
                    d = d.plusDays(1)) {
                if (this.holidays.contains(d)) continue;
                for (int[] interval : week.get(d.getDayOfWeek())) {
                    long from = Math.max(at(d, interval[0]), TABLE_FROM);
                    long to = Math.min(at(d, interval[1]), TABLE_UNTIL);
                    for (long m = from; m < to; m++) working[(int) (m - TABLE_FROM)] = true;
                }
            }
        }

        /** A local date and minute of the day (1440 = 24:00, the next midnight) as ZonedDateTime.of says. */
        long at(LocalDate date, int minuteOfDay) {
            ZonedDateTime z = minuteOfDay == 1440
                    ? ZonedDateTime.of(date.plusDays(1), LocalTime.MIDNIGHT, zone)
                    : ZonedDateTime.of(date, LocalTime.of(minuteOfDay / 60, minuteOfDay % 60), zone);
            return minute(z.toInstant());
        }

        boolean isWorking(long m) {
            if (m < TABLE_FROM || m >= TABLE_UNTIL)
                throw new IllegalStateException("the reference's minute table ends; the case reached " + instant(m));
            return working[(int) (m - TABLE_FROM)];
        }

        /** A date with working time: not a holiday, and some interval of that date holds time. */
        boolean isBusinessDay(LocalDate d) {
            if (holidays.contains(d)) return false;
            for (int[] interval : week.get(d.getDayOfWeek())) {
                if (at(d, interval[1]) > at(d, interval[0])) return true;
            }
            return false;
        }

        long workingMinutes(long from, long to) {
            long n = 0;
            for (long m = from; m < to; m++) if (isWorking(m)) n++;
            return n;
        }

        /** The end of the first working minute at or after {@code m}: m plus one minute of working time. */
        long plusOneWorkingMinute(long m) {
            while (!isWorking(m)) m++;
            return m + 1;
        }

        /**
         * sla.md, "Counting business days", without pauses: the effective start s (the first working
         * minute at or after the start), its local time of day t, then t on the N-th business day
         * after the date of s; outside that day's intervals, the start of the next interval, or the
         * end of the last one when t is after it.
         */
        long baseDue(long start, int days) {
            long s = start;
            while (!isWorking(s)) s++;
            if (days == 0) return s;
            LocalDateTime local = LocalDateTime.ofInstant(instant(s), zone);
            int t = local.getHour() * 60 + local.getMinute();
            LocalDate d = local.toLocalDate();
            for (int counted = 0; counted < days; ) {
                d = d.plusDays(1);
                if (isBusinessDay(d)) counted++;
            }
            int lastEnd = -1;
            for (int[] interval : week.get(d.getDayOfWeek())) {
                if (at(d, interval[1]) <= at(d, interval[0])) continue; // holds no time on this date
                if (t < interval[1]) return t < interval[0] ? at(d, interval[0]) : at(d, t);
                lastEnd = interval[1];
            }
            return at(d, lastEnd);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A duration target: walk from the start a minute at a time, counting a minute when it is
     * working time and not paused; due when the count reaches the target. With a pause still going
     * on, reaching its start first leaves the clock paused with the rest of the target to go.
     */
    static Expected duration(MinuteCalendar cal, long start, long target, List<long[]> pauses, Long openFrom) {
        int next = 0;
        long counted = 0;
        for (long m = start; ; m++) {
            if (counted == target) return Expected.dueAt(m);
            if (openFrom != null && m >= openFrom) return Expected.left(target - counted);
            while (next < pauses.size() && pauses.get(next)[1] <= m) next++;
            boolean paused = next < pauses.size() && pauses.get(next)[0] <= m;
            if (cal.isWorking(m) && !paused) counted++;
        }
    }

    /**
     * A business-day target: the base due instant of sla.md, then a walk from the start in which
     * every paused working minute of a pause that began before the due instant (as moved so far)
     * moves the due instant on by one minute of working time; a pause that begins once the clock is
     * due changes nothing. A pause still going on that began before the due instant leaves the clock
     * paused with the working time from the pause's start to the due instant to go.
     */
    static Expected businessDays(MinuteCalendar cal, long start, int days, List<long[]> pauses, Long openFrom) {
        long due = cal.baseDue(start, days);
        int next = 0;
        long movingUntil = start; // m < movingUntil: inside a pause that moves the due instant
        for (long m = start; ; m++) {
            while (next < pauses.size() && Math.max(pauses.get(next)[0], start) <= m) {
                long[] p = pauses.get(next++);
                if (m < due && p[1] > m) movingUntil = p[1];
            }
            if (openFrom != null && m == Math.max(openFrom, start)) {
                return m < due ? Expected.left(cal.workingMinutes(m, due)) : Expected.dueAt(due);
            }
            boolean paused = m < movingUntil;
            if (!paused && m >= due) return Expected.dueAt(due);
            if (paused && cal.isWorking(m)) due = cal.plusOneWorkingMinute(due);
        }
    }

    // ---- the calendars the properties draw from

    private static Map<DayOfWeek, List<int[]>> days(Set<DayOfWeek> days, int[]... intervals) {
        Map<DayOfWeek, List<int[]>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) week.put(d, days.contains(d) ? List.of(intervals) : List.of());
        return week;
    }

    private static int[] hhmm(String from, String to) {
        return new int[] {minuteOfDay(from), minuteOfDay(to)};
    }

    private static int minuteOfDay(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }

    private static String text(int minuteOfDay) {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    /** The production calendar from the same description as the reference's. */
    private static WorkCalendar production(ZoneId zone, Map<DayOfWeek, List<int[]>> week, Set<LocalDate> holidays) {
        WeeklyHours.Builder b = WeeklyHours.builder();
        week.forEach((day, intervals) -> {
            for (int[] i : intervals) b.add(day, WorkingInterval.parse(text(i[0]), text(i[1])));
        });
        return WorkCalendar.of(zone, b.build(), holidays);
    }

    private static Set<LocalDate> dates(String... isoDates) {
        Set<LocalDate> out = new TreeSet<>();
        for (String d : isoDates) out.add(LocalDate.parse(d));
        return out;
    }

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    static final MinuteCalendar ALWAYS = new MinuteCalendar(
            "24x7",
            ZoneOffset.UTC,
            days(EnumSet.allOf(DayOfWeek.class), hhmm("00:00", "24:00")),
            Set.of(),
            WorkCalendar.alwaysOpen());

    static final Set<LocalDate> TAIPEI_HOLIDAYS = dates(
            "2026-01-01",
            "2026-02-16",
            "2026-02-17",
            "2026-02-18",
            "2026-02-19",
            "2026-02-20",
            "2026-04-03",
            "2026-04-06",
            "2026-05-01",
            "2026-06-19",
            "2026-09-25",
            "2026-10-09",
            "2027-01-01");

    /** The built-in business-days calendar (Monday to Friday, all day) in Taipei, with holidays. */
    static final MinuteCalendar TAIPEI_BUSINESS_DAYS = new MinuteCalendar(
            "business days Asia/Taipei",
            TAIPEI,
            days(WEEKDAYS, hhmm("00:00", "24:00")),
            TAIPEI_HOLIDAYS,
            WorkCalendar.businessDays(TAIPEI).withHolidays(TAIPEI_HOLIDAYS));

    static final MinuteCalendar TAIPEI_OFFICE = office("Asia/Taipei Mon-Fri 09:00-18:00", TAIPEI, TAIPEI_HOLIDAYS);

    static final MinuteCalendar NEW_YORK_OFFICE = office(
            "America/New_York Mon-Fri 09:00-18:00",
            NEW_YORK,
            dates(
                    "2026-01-01",
                    "2026-01-19",
                    "2026-05-25",
                    "2026-07-03",
                    "2026-09-07",
                    "2026-11-26",
                    "2026-11-27",
                    "2026-12-25",
                    "2027-01-01"));

    private static MinuteCalendar office(String name, ZoneId zone, Set<LocalDate> holidays) {
        Map<DayOfWeek, List<int[]>> week = days(WEEKDAYS, hhmm("09:00", "18:00"));
        return new MinuteCalendar(name, zone, week, holidays, production(zone, week, holidays));
    }

    /** Every day whole in New York, two holidays: daylight-saving days hold 23 and 25 hours. */
    static final MinuteCalendar NEW_YORK_ALL_WEEK;

    /**
     * Uneven hours in New York whose boundaries sit in the daylight-saving gap (Sunday 02:30 on 8
     * March 2026) and overlap (Sunday 01:30 on 1 November 2026), with a lunch break, a short Friday,
     * and a holiday the day after each change.
     */
    static final MinuteCalendar NEW_YORK_UNEVEN;

    static {
        Map<DayOfWeek, List<int[]>> all = days(EnumSet.allOf(DayOfWeek.class), hhmm("00:00", "24:00"));
        Set<LocalDate> h = dates("2026-07-04", "2026-12-25");
        NEW_YORK_ALL_WEEK = new MinuteCalendar(
                "America/New_York every day 00:00-24:00", NEW_YORK, all, h, production(NEW_YORK, all, h));

        Map<DayOfWeek, List<int[]>> uneven = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY))
            uneven.put(d, List.of(hhmm("08:00", "12:00"), hhmm("13:00", "17:00")));
        uneven.put(DayOfWeek.FRIDAY, List.<int[]>of(hhmm("09:00", "15:00")));
        uneven.put(DayOfWeek.SATURDAY, List.<int[]>of(hhmm("10:00", "14:00")));
        uneven.put(DayOfWeek.SUNDAY, List.of(hhmm("01:30", "02:30"), hhmm("22:00", "24:00")));
        Set<LocalDate> uh = dates("2026-03-09", "2026-11-02");
        NEW_YORK_UNEVEN = new MinuteCalendar(
                "America/New_York uneven (Mon-Thu 08-12,13-17; Fri 09-15; Sat 10-14; Sun 01:30-02:30,22-24)",
                NEW_YORK,
                uneven,
                uh,
                production(NEW_YORK, uneven, uh));
    }

    static final List<MinuteCalendar> CALENDARS =
            List.of(ALWAYS, TAIPEI_BUSINESS_DAYS, TAIPEI_OFFICE, NEW_YORK_OFFICE, NEW_YORK_ALL_WEEK, NEW_YORK_UNEVEN);

    /** Dates where things happen: daylight-saving changes, holidays, a long holiday week, the year's end. */
    static final List<LocalDate> HOT_DATES = new ArrayList<>(dates(
            "2026-01-01",
            "2026-01-19",
            "2026-02-16",
            "2026-03-08",
            "2026-03-09",
            "2026-04-03",
            "2026-07-03",
            "2026-10-09",
            "2026-11-01",
            "2026-11-02",
            "2026-11-26",
            "2026-12-25",
            "2026-12-31"));
}
