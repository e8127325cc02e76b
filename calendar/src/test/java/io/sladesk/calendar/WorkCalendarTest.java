package io.sladesk.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WorkCalendarTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    /** Monday to Friday 09:00–18:00. */
    private static final WeeklyHours OFFICE_HOURS =
            WeeklyHours.of(EnumSet.range(MONDAY, FRIDAY), WorkingInterval.parse("09:00-18:00"));

    private static Instant at(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    private static String local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toString();
    }

    /** The worked examples of docs/sla.md, "Counting business days". */
    @Nested
    class SlaExamples {

        private final WorkCalendar businessDays = WorkCalendar.businessDays(TAIPEI);

        @Test
        void p2OpenedFridayAfternoonIsDueMondaySameTime() {
            Instant friday = at("2026-03-06T15:00", TAIPEI);

            assertThat(businessDays.addBusinessDays(friday, 1)).isEqualTo(at("2026-03-09T15:00", TAIPEI));
        }

        @Test
        void p2OpenedSaturdayStartsMondayMidnightAndIsDueAtTheEndOfMonday() {
            Instant saturday = at("2026-03-07T10:00", TAIPEI);

            assertThat(businessDays.effectiveStart(saturday)).isEqualTo(at("2026-03-09T00:00", TAIPEI));
            assertThat(businessDays.addBusinessDays(saturday, 1)).isEqualTo(at("2026-03-10T00:00", TAIPEI));
        }

        @Test
        void p3OpenedThursdayWithFridayAHolidayIsDueTuesday() {
            WorkCalendar withHoliday = businessDays.withHolidays(Set.of(LocalDate.parse("2026-03-06")));
            Instant thursday = at("2026-03-05T09:30", TAIPEI);

            assertThat(withHoliday.addBusinessDays(thursday, 2)).isEqualTo(at("2026-03-10T09:30", TAIPEI));
        }

        @Test
        void aPauseOverAWeekendIsWorthNothingOnBusinessDaysAnd48HoursOn24x7() {
            Instant fridayEvening = at("2026-03-06T23:59:59.999", TAIPEI).plusMillis(1);
            Instant mondayMorning = at("2026-03-09T00:00", TAIPEI);

            assertThat(businessDays.between(fridayEvening, mondayMorning)).isZero();
            assertThat(WorkCalendar.alwaysOpen().between(fridayEvening, mondayMorning))
                    .isEqualTo(Duration.ofHours(48));
        }
    }

    @Nested
    class DaylightSaving {

        @Test
        void aWholeDayThatSkipsAnHourHolds23Hours() {
            WorkCalendar sundays = WorkCalendar.of(NEW_YORK, WeeklyHours.allDay(EnumSet.of(SUNDAY)), Set.of());
            Instant sunday = at("2026-03-08T00:00", NEW_YORK);

            assertThat(sundays.between(sunday, at("2026-03-09T00:00", NEW_YORK)))
                    .isEqualTo(Duration.ofHours(23));
            assertThat(sundays.add(sunday, Duration.ofHours(23))).isEqualTo(at("2026-03-09T00:00", NEW_YORK));
            // the 24th hour comes from the next Sunday
            assertThat(sundays.add(sunday, Duration.ofHours(24))).isEqualTo(at("2026-03-15T01:00", NEW_YORK));
        }

        @Test
        void aWholeDayThatRepeatsAnHourHolds25Hours() {
            WorkCalendar sundays = WorkCalendar.of(NEW_YORK, WeeklyHours.allDay(EnumSet.of(SUNDAY)), Set.of());

            assertThat(sundays.between(at("2026-11-01T00:00", NEW_YORK), at("2026-11-02T00:00", NEW_YORK)))
                    .isEqualTo(Duration.ofHours(25));
        }

        @Test
        void anIntervalAcrossTheGapLastsWhatTheWallClockSays() {
            // 01:00-04:00 on the day 02:00 becomes 03:00: two hours of working time
            WorkCalendar early = WorkCalendar.of(
                    NEW_YORK, WeeklyHours.of(EnumSet.of(SUNDAY), WorkingInterval.parse("01:00-04:00")), Set.of());

            assertThat(early.between(at("2026-03-08T00:00", NEW_YORK), at("2026-03-08T12:00", NEW_YORK)))
                    .isEqualTo(Duration.ofHours(2));
        }

        @Test
        void aBusinessDayDueThatFallsInTheGapMovesLaterByTheGap() {
            WorkCalendar everyDay = WorkCalendar.of(NEW_YORK, WeeklyHours.allWeek(), Set.of());
            Instant saturday = at("2026-03-07T02:30", NEW_YORK);

            Instant due = everyDay.addBusinessDays(saturday, 1);

            assertThat(local(due, NEW_YORK)).isEqualTo("2026-03-08T03:30-04:00[America/New_York]");
        }

        @Test
        void aBusinessDayDueInTheRepeatedHourTakesTheEarlierOffset() {
            WorkCalendar everyDay = WorkCalendar.of(NEW_YORK, WeeklyHours.allWeek(), Set.of());

            Instant due = everyDay.addBusinessDays(at("2026-10-31T01:30", NEW_YORK), 1);

            assertThat(local(due, NEW_YORK)).isEqualTo("2026-11-01T01:30-04:00[America/New_York]");
        }

        @Test
        void lordHoweSkipsHalfAnHour() {
            // first Sunday of October, 02:00 becomes 02:30
            WorkCalendar sundays = WorkCalendar.of(LORD_HOWE, WeeklyHours.allDay(EnumSet.of(SUNDAY)), Set.of());
            Instant sunday = at("2026-10-04T00:00", LORD_HOWE);

            assertThat(sundays.between(sunday, at("2026-10-05T00:00", LORD_HOWE)))
                    .isEqualTo(Duration.ofMinutes(23 * 60 + 30));
            // and takes it back on the first Sunday of April
            assertThat(sundays.between(at("2026-04-05T00:00", LORD_HOWE), at("2026-04-06T00:00", LORD_HOWE)))
                    .isEqualTo(Duration.ofMinutes(24 * 60 + 30));

            WorkCalendar everyDay = WorkCalendar.of(LORD_HOWE, WeeklyHours.allWeek(), Set.of());
            Instant due = everyDay.addBusinessDays(at("2026-10-03T02:15", LORD_HOWE), 1);
            assertThat(local(due, LORD_HOWE)).isEqualTo("2026-10-04T02:45+11:00[Australia/Lord_Howe]");
        }

        @Test
        void intervalsThatOverlapOnceConvertedCountEachInstantOnce() {
            // 01:00-02:30 ends in the gap, at 03:30 EDT; 03:00-04:00 starts at 03:00 EDT
            WeeklyHours hours = WeeklyHours.of(
                    EnumSet.of(SUNDAY), WorkingInterval.parse("01:00-02:30"), WorkingInterval.parse("03:00-04:00"));
            WorkCalendar calendar = WorkCalendar.of(NEW_YORK, hours, Set.of());
            Instant day = at("2026-03-08T00:00", NEW_YORK);

            // 01:00 EST to 04:00 EDT: two hours, not 1.5 + 1
            assertThat(calendar.between(day, day.plus(Duration.ofDays(1)))).isEqualTo(Duration.ofHours(2));
            assertThat(calendar.add(day, Duration.ofHours(2))).isEqualTo(at("2026-03-08T04:00", NEW_YORK));
        }

        @Test
        void anIntervalReversedByTheGapHoldsNothingAndIsSkippedForBusinessDayDues() {
            // 02:30-03:15 converts to 03:30 EDT - 03:15 EDT on the day of the gap
            WeeklyHours hours = WeeklyHours.of(
                    EnumSet.allOf(DayOfWeek.class),
                    WorkingInterval.parse("02:30-03:15"),
                    WorkingInterval.parse("09:00-18:00"));
            WorkCalendar calendar = WorkCalendar.of(NEW_YORK, hours, Set.of());

            assertThat(calendar.between(at("2026-03-08T00:00", NEW_YORK), at("2026-03-08T08:00", NEW_YORK)))
                    .isZero();
            // on other days 02:40 is inside 02:30-03:15; on 2026-03-08 the next interval starts at 09:00
            assertThat(local(calendar.addBusinessDays(at("2026-03-07T02:40", NEW_YORK), 1), NEW_YORK))
                    .isEqualTo("2026-03-08T09:00-04:00[America/New_York]");
        }
    }

    @Nested
    class Durations {

        private final WorkCalendar office = WorkCalendar.of(NEW_YORK, OFFICE_HOURS, Set.of());

        @Test
        void aTargetReachedAtTheEndOfAnIntervalIsDueAtThatEnd() {
            Instant monday = at("2026-06-01T09:00", NEW_YORK);

            assertThat(office.add(monday, Duration.ofHours(9))).isEqualTo(at("2026-06-01T18:00", NEW_YORK));
            assertThat(office.add(monday, Duration.ofHours(9).plusNanos(1)))
                    .isEqualTo(at("2026-06-02T09:00", NEW_YORK).plusNanos(1));
        }

        @Test
        void countingStartsAtTheNextWorkingInterval() {
            Instant saturday = at("2026-06-06T12:00", NEW_YORK);

            assertThat(office.effectiveStart(saturday)).isEqualTo(at("2026-06-08T09:00", NEW_YORK));
            assertThat(office.add(saturday, Duration.ofHours(1))).isEqualTo(at("2026-06-08T10:00", NEW_YORK));
            assertThat(office.isWorkingTime(saturday)).isFalse();
            assertThat(office.isWorkingTime(at("2026-06-08T09:00", NEW_YORK))).isTrue();
            assertThat(office.isWorkingTime(at("2026-06-08T18:00", NEW_YORK))).isFalse();
        }

        @Test
        void zeroIsDueAtTheStartItself() {
            Instant saturday = at("2026-06-06T12:00", NEW_YORK);

            assertThat(office.add(saturday, Duration.ZERO)).isEqualTo(saturday);
            assertThat(office.between(saturday, saturday)).isZero();
        }

        @Test
        void betweenIsNegativeWhenTheEndComesFirst() {
            Instant monday = at("2026-06-01T09:00", NEW_YORK);
            Instant tuesday = at("2026-06-02T10:00", NEW_YORK);

            assertThat(office.between(monday, tuesday)).isEqualTo(Duration.ofHours(10));
            assertThat(office.between(tuesday, monday)).isEqualTo(Duration.ofHours(-10));
        }

        @Test
        void nanosecondsAreKept() {
            Instant start = at("2026-06-01T09:00", NEW_YORK).plusNanos(123_456_789);

            assertThat(office.add(start, Duration.ofHours(1).plusNanos(1)))
                    .isEqualTo(at("2026-06-01T10:00", NEW_YORK).plusNanos(123_456_790));
        }

        @Test
        void holidaysHoldNoWorkingTime() {
            WorkCalendar withHoliday = office.withHolidays(Set.of(LocalDate.parse("2026-06-01")));

            assertThat(withHoliday.add(at("2026-06-01T09:00", NEW_YORK), Duration.ofHours(1)))
                    .isEqualTo(at("2026-06-02T10:00", NEW_YORK));
            assertThat(withHoliday.isBusinessDay(LocalDate.parse("2026-06-01"))).isFalse();
            assertThat(withHoliday.isBusinessDay(LocalDate.parse("2026-06-02"))).isTrue();
            assertThat(withHoliday.isBusinessDay(LocalDate.parse("2026-06-06"))).isFalse();
        }

        @Test
        void negativeAmountsAreRejected() {
            Instant now = at("2026-06-01T09:00", NEW_YORK);

            assertThatThrownBy(() -> office.add(now, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a working-time amount cannot be negative: PT-1S");
            assertThatThrownBy(() -> office.addBusinessDays(now, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a number of business days cannot be negative: -1");
        }

        @Test
        void tenYearsAgreeWithTheReference() {
            Set<LocalDate> holidays = new HashSet<>();
            for (int year = 2026; year < 2038; year++) {
                holidays.add(LocalDate.of(year, 1, 1));
                holidays.add(LocalDate.of(year, 7, 4));
                holidays.add(LocalDate.of(year, 12, 25));
            }
            WorkCalendar calendar = WorkCalendar.of(NEW_YORK, OFFICE_HOURS, holidays);
            ReferenceCalendar reference = ReferenceCalendar.of(calendar);
            Instant start = at("2026-03-05T11:17:03.5", NEW_YORK);
            Instant end = at("2036-03-05T11:17", NEW_YORK);

            Duration worked = calendar.between(start, end);
            assertThat(worked).isEqualTo(reference.between(start, end));
            assertThat(calendar.add(start, worked)).isEqualTo(reference.add(start, worked));
            assertThat(calendar.addBusinessDays(start, 2500)).isEqualTo(reference.addBusinessDays(start, 2500));
            // about 2,500 business days of 9 hours
            assertThat(worked.toHours()).isBetween(22_500L, 23_500L);
        }
    }

    @Nested
    class AlwaysOpen {

        private final WorkCalendar always = WorkCalendar.alwaysOpen();

        @Test
        void isPlainInstantArithmetic() {
            Instant start = Instant.parse("2026-03-08T06:59:59.123456789Z");
            Duration amount = Duration.ofHours(8).plusNanos(7);

            assertThat(always.add(start, amount)).isEqualTo(start.plus(amount));
            assertThat(always.between(start, start.plus(amount))).isEqualTo(amount);
            assertThat(always.isAlwaysOpen()).isTrue();
            assertThat(always.effectiveStart(start)).isEqualTo(start);
            assertThat(always.isWorkingTime(start)).isTrue();
        }

        @Test
        void hasNoRangeOfItsOwn() {
            Instant old = Instant.parse("1900-01-01T00:00:00Z");

            assertThat(always.add(old, Duration.ofDays(1))).isEqualTo(old.plus(Duration.ofDays(1)));
            assertThat(always.addBusinessDays(Instant.parse("2300-01-01T10:00:00Z"), 2))
                    .isEqualTo(Instant.parse("2300-01-03T10:00:00Z"));
        }

        @Test
        void aBusinessDayIsADayInUtc() {
            assertThat(always.addBusinessDays(Instant.parse("2026-03-07T10:00:00Z"), 3))
                    .isEqualTo(Instant.parse("2026-03-10T10:00:00Z"));
        }

        @Test
        void everyDayWholeInAnyZoneIsAlwaysOpenForDurations() {
            WorkCalendar newYork = WorkCalendar.of(NEW_YORK, WeeklyHours.allWeek(), Set.of());

            assertThat(newYork.isAlwaysOpen()).isTrue();
            assertThat(newYork.between(at("2026-03-08T00:00", NEW_YORK), at("2026-03-09T00:00", NEW_YORK)))
                    .isEqualTo(Duration.ofHours(23));
            assertThat(newYork.withHolidays(Set.of(LocalDate.parse("2026-03-08")))
                            .isAlwaysOpen())
                    .isFalse();
        }
    }

    @Nested
    class Limits {

        private final WorkCalendar office = WorkCalendar.of(NEW_YORK, OFFICE_HOURS, Set.of());

        @Test
        void aWeekWithoutWorkingTimeIsRejected() {
            assertThatThrownBy(() -> WorkCalendar.of(NEW_YORK, WeeklyHours.none(), Set.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the weekly hours have no working time on any day");
        }

        @Test
        void instantsOutsideTheSupportedRangeAreRejected() {
            assertThatThrownBy(() -> office.isWorkingTime(Instant.parse("1969-12-31T23:59:59Z")))
                    .isInstanceOf(DateTimeException.class)
                    .hasMessageContaining("outside the supported range");
            assertThatThrownBy(() -> office.between(Instant.EPOCH, Instant.parse("2200-01-01T00:00:01Z")))
                    .isInstanceOf(DateTimeException.class);
        }

        @Test
        void dueInstantsAfterTheSupportedRangeAreRejected() {
            Instant late = Instant.parse("2199-12-20T00:00:00Z");

            assertThatThrownBy(() -> office.add(late, Duration.ofDays(10)))
                    .isInstanceOf(DateTimeException.class)
                    .hasMessageContaining("is after 2200-01-01T00:00:00Z");
            assertThatThrownBy(() -> office.add(late, Duration.ofDays(365 * 500)))
                    .isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> office.addBusinessDays(late, 30)).isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> office.effectiveStart(Instant.parse("2199-12-31T23:00:00Z")))
                    .isInstanceOf(DateTimeException.class)
                    .hasMessageContaining("no working time after");
        }

        @Test
        void theWholeRangeCanBeMeasured() {
            Duration all = office.between(WorkCalendar.SUPPORTED_FROM, WorkCalendar.SUPPORTED_UNTIL);

            // 230 years of about 261 weekdays of 9 hours
            assertThat(all.toHours()).isBetween(230L * 260 * 9, 230L * 262 * 9);
            assertThat(office.add(WorkCalendar.SUPPORTED_FROM, all))
                    .isEqualTo(at("2199-12-31T18:00", NEW_YORK)); // a Tuesday
        }
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        WorkCalendar shared = WorkCalendar.of(NEW_YORK, OFFICE_HOURS, Set.of(LocalDate.parse("2026-07-03")));
        WorkCalendar alone = WorkCalendar.of(NEW_YORK, OFFICE_HOURS, Set.of(LocalDate.parse("2026-07-03")));
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            starts.add(Instant.parse("2020-01-01T00:00:00Z").plus(Duration.ofHours(97L * i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Instant>>> results = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                results.add(pool.submit(() -> starts.stream()
                        .map(s -> shared.add(s, Duration.ofHours(300)))
                        .toList()));
            }
            List<Instant> expected = starts.stream()
                    .map(s -> alone.add(s, Duration.ofHours(300)))
                    .toList();
            for (Future<List<Instant>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void equalityIsByZoneHoursAndHolidays() {
        Set<LocalDate> holidays = Set.of(LocalDate.parse("2026-01-01"));
        WorkCalendar a = WorkCalendar.of(TAIPEI, OFFICE_HOURS, holidays);
        WorkCalendar b = WorkCalendar.of(TAIPEI, OFFICE_HOURS, new ArrayList<>(holidays));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.withHolidays(Set.of()));
        assertThat(a.toString())
                .isEqualTo("WorkCalendar[Asia/Taipei, MONDAY 09:00-18:00, TUESDAY 09:00-18:00, WEDNESDAY 09:00-18:00,"
                        + " THURSDAY 09:00-18:00, FRIDAY 09:00-18:00, 1 holidays]");
        assertThat(WorkCalendar.alwaysOpen()).hasToString("WorkCalendar[24x7]");
    }
}
