package io.sladesk.bench;

import io.sladesk.calendar.ReferenceCalendar;
import io.sladesk.calendar.WeeklyHours;
import io.sladesk.calendar.WorkCalendar;
import io.sladesk.calendar.WorkingInterval;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of {@link WorkCalendar#add} and {@link WorkCalendar#addBusinessDays} by the length of the
 * target, against the day-by-day {@link ReferenceCalendar} the tests check the calendar with.
 *
 * <p>The calendar is office hours, Monday to Friday 09:00–18:00 in America/New_York (daylight saving
 * included), with the US federal holidays of 2026 and 2027. A business day of working time is 9 hours,
 * so "30 business days" is {@code PT270H} of working time and "90 business days" {@code PT810H}. Each
 * call starts from the next of 1,024 random instants in 2026, working time or not, so that neither the
 * branch predictor nor the caches see the same input twice in a row.
 *
 * <p>The reference keeps each date's converted intervals in a map; after warm-up every date it needs is
 * there, so its figures are the walk itself, not the time zone arithmetic: the comparison flatters the
 * reference, if anything.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CalendarBenchmark {

    static final ZoneId ZONE = ZoneId.of("America/New_York");

    static final Duration ONE_HOUR = Duration.ofHours(1);
    static final Duration ONE_DAY = Duration.ofHours(24);
    static final Duration BUSINESS_DAYS_30 = Duration.ofHours(30 * 9);
    static final Duration BUSINESS_DAYS_90 = Duration.ofHours(90 * 9);

    private static final int STARTS = 1024;

    private WorkCalendar calendar;
    private ReferenceCalendar reference;
    private Instant[] starts;
    private int next;

    /** US federal holidays (observed) of 2026 and 2027. */
    static List<LocalDate> holidays() {
        return List.of(
                        "2026-01-01",
                        "2026-01-19",
                        "2026-02-16",
                        "2026-05-25",
                        "2026-06-19",
                        "2026-07-03",
                        "2026-09-07",
                        "2026-10-12",
                        "2026-11-11",
                        "2026-11-26",
                        "2026-12-25",
                        "2027-01-01",
                        "2027-01-18",
                        "2027-02-15",
                        "2027-05-31",
                        "2027-06-18",
                        "2027-07-05",
                        "2027-09-06",
                        "2027-10-11",
                        "2027-11-11",
                        "2027-11-25",
                        "2027-12-24")
                .stream()
                .map(LocalDate::parse)
                .toList();
    }

    static WorkCalendar officeHours() {
        WeeklyHours week =
                WeeklyHours.of(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), WorkingInterval.parse("09:00-18:00"));
        return WorkCalendar.of(ZONE, week, holidays());
    }

    @Setup(Level.Trial)
    public void setUp() {
        calendar = officeHours();
        reference = ReferenceCalendar.of(calendar);
        SplittableRandom random = new SplittableRandom(2026);
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond();
        starts = new Instant[STARTS];
        for (int i = 0; i < STARTS; i++) {
            starts[i] = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
        }
        // the two must agree on what is measured
        for (Instant start : starts) {
            for (Duration amount : List.of(ONE_HOUR, ONE_DAY, BUSINESS_DAYS_30, BUSINESS_DAYS_90)) {
                check(calendar.add(start, amount), reference.add(start, amount));
            }
            check(calendar.addBusinessDays(start, 30), reference.addBusinessDays(start, 30));
            check(calendar.addBusinessDays(start, 90), reference.addBusinessDays(start, 90));
        }
    }

    private static void check(Instant fast, Instant slow) {
        if (!fast.equals(slow)) {
            throw new IllegalStateException("calendar and reference disagree: " + fast + " vs " + slow);
        }
    }

    private Instant nextStart() {
        Instant start = starts[next];
        next = (next + 1) & (STARTS - 1);
        return start;
    }

    @Benchmark
    public Instant add1Hour() {
        return calendar.add(nextStart(), ONE_HOUR);
    }

    @Benchmark
    public Instant add24Hours() {
        return calendar.add(nextStart(), ONE_DAY);
    }

    @Benchmark
    public Instant add30BusinessDaysOfWorkingTime() {
        return calendar.add(nextStart(), BUSINESS_DAYS_30);
    }

    @Benchmark
    public Instant add90BusinessDaysOfWorkingTime() {
        return calendar.add(nextStart(), BUSINESS_DAYS_90);
    }

    @Benchmark
    public Instant addBusinessDays30() {
        return calendar.addBusinessDays(nextStart(), 30);
    }

    @Benchmark
    public Instant addBusinessDays90() {
        return calendar.addBusinessDays(nextStart(), 90);
    }

    @Benchmark
    public Instant reference_add1Hour() {
        return reference.add(nextStart(), ONE_HOUR);
    }

    @Benchmark
    public Instant reference_add24Hours() {
        return reference.add(nextStart(), ONE_DAY);
    }

    @Benchmark
    public Instant reference_add30BusinessDaysOfWorkingTime() {
        return reference.add(nextStart(), BUSINESS_DAYS_30);
    }

    @Benchmark
    public Instant reference_add90BusinessDaysOfWorkingTime() {
        return reference.add(nextStart(), BUSINESS_DAYS_90);
    }

    @Benchmark
    public Instant reference_addBusinessDays30() {
        return reference.addBusinessDays(nextStart(), 30);
    }

    @Benchmark
    public Instant reference_addBusinessDays90() {
        return reference.addBusinessDays(nextStart(), 90);
    }
}
