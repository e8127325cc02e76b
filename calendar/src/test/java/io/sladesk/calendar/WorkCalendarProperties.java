package io.sladesk.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.calendar.CalendarArbitraries.BusinessDayCase;
import io.sladesk.calendar.CalendarArbitraries.Case;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast {@link WorkCalendar} against the day-by-day {@link ReferenceCalendar}, and the laws that
 * tie its operations together, on random calendars in awkward zones.
 *
 * <p>Each test is a property checked on cases from the seeded generators of {@link
 * CalendarArbitraries}, run by {@link SeededProperty}: the same cases on every run unless {@code
 * -Dcalendar.seed} asks for others, and a failure prints the case and the seeds that draw it again. The
 * tries add up to 142,000 generated cases per run, 110,000 of them checked against the reference, in
 * about 15 seconds on two cores. The generators aim at what matters (interval boundaries, offset
 * transitions, slice edges, zero spans, nudges of a nanosecond) rather than at small or extreme values.
 */
class WorkCalendarProperties {

    record CaseAndFraction(Case c, double fraction) {}

    record CaseAndDays(Case c, int days) {}

    record LongSpan(Case c, int years, int pieces) {}

    static CaseAndFraction casesAndFractions(SplittableRandom random) {
        return new CaseAndFraction(CalendarArbitraries.cases(random), CalendarArbitraries.fractions(random));
    }

    /** Half up to 5, a third up to 40, the rest up to 300. */
    static int businessDayCounts(SplittableRandom random) {
        int which = CalendarArbitraries.uniform(random, 0, 5);
        int n = CalendarArbitraries.uniform(random, 0, 300);
        return which < 3 ? n % 6 : which < 5 ? n % 41 : n;
    }

    @Test
    void betweenAgreesWithReference() {
        SeededProperty.forAll(30_000, CalendarArbitraries::cases, WorkCalendarProperties::betweenAgreesWithReference);
    }

    static void betweenAgreesWithReference(Case c) {
        WorkCalendar fast = c.setup().fast();
        ReferenceCalendar reference = c.setup().reference();

        assertThat(fast.between(c.s(), c.t())).as("between").isEqualTo(reference.between(c.s(), c.t()));
    }

    @Test
    void addAgreesWithReference() {
        SeededProperty.forAll(
                30_000, WorkCalendarProperties::casesAndFractions, x -> addAgreesWithReference(x.c(), x.fraction()));
    }

    static void addAgreesWithReference(Case c, double fraction) {
        WorkCalendar fast = c.setup().fast();
        ReferenceCalendar reference = c.setup().reference();
        // an amount at most the working time between s and t keeps the reference's walk short
        Duration available = reference.between(c.s(), c.t()).abs();
        Instant from = c.s().isBefore(c.t()) ? c.s() : c.t();
        for (Duration amount : new Duration[] {
            available, Duration.ofNanos(Math.min(available.toNanos(), (long) (available.toNanos() * fraction)))
        }) {
            assertThat(fast.add(from, amount)).as("add %s", amount).isEqualTo(reference.add(from, amount));
        }
    }

    @Test
    void effectiveStartAndWorkingTimeAgreeWithReference() {
        SeededProperty.forAll(
                20_000,
                CalendarArbitraries::cases,
                WorkCalendarProperties::effectiveStartAndWorkingTimeAgreeWithReference);
    }

    static void effectiveStartAndWorkingTimeAgreeWithReference(Case c) {
        WorkCalendar fast = c.setup().fast();
        ReferenceCalendar reference = c.setup().reference();

        for (Instant instant : new Instant[] {c.s(), c.t()}) {
            assertThat(fast.isWorkingTime(instant))
                    .as("isWorkingTime %s", instant)
                    .isEqualTo(reference.isWorkingTime(instant));
            assertThat(fast.effectiveStart(instant))
                    .as("effectiveStart %s", instant)
                    .isEqualTo(reference.effectiveStart(instant));
        }
    }

    @Test
    void addBusinessDaysAgreesWithReference() {
        SeededProperty.forAll(
                20_000,
                random -> new CaseAndDays(CalendarArbitraries.cases(random), businessDayCounts(random)),
                x -> addBusinessDaysAgreesWithReference(x.c(), x.days()));
    }

    static void addBusinessDaysAgreesWithReference(Case c, int days) {
        WorkCalendar fast = c.setup().fast();
        ReferenceCalendar reference = c.setup().reference();

        assertThat(fast.addBusinessDays(c.s(), days))
                .as("addBusinessDays %d", days)
                .isEqualTo(reference.addBusinessDays(c.s(), days));
    }

    @Test
    void addBusinessDaysAroundGapsAgreesWithReference() {
        SeededProperty.forAll(
                10_000,
                CalendarArbitraries::businessDaysAroundGaps,
                WorkCalendarProperties::addBusinessDaysAroundGapsAgreesWithReference);
    }

    static void addBusinessDaysAroundGapsAgreesWithReference(BusinessDayCase c) {
        assertThat(c.setup().fast().addBusinessDays(c.s(), c.days()))
                .isEqualTo(c.setup().reference().addBusinessDays(c.s(), c.days()));
    }

    /**
     * Laws of the fast calendar alone, cheap enough to try often: round trips, additivity, and where
     * exactly {@code add} lands.
     */
    @Test
    void addAndBetweenAreConsistent() {
        SeededProperty.forAll(
                25_000,
                WorkCalendarProperties::casesAndFractions,
                x -> addAndBetweenAreConsistent(x.c(), x.fraction()));
    }

    static void addAndBetweenAreConsistent(Case c, double fraction) {
        WorkCalendar calendar = c.setup().fast();
        Instant s = c.s().isBefore(c.t()) ? c.s() : c.t();
        Instant t = c.s().isBefore(c.t()) ? c.t() : c.s();

        Duration worked = calendar.between(s, t);
        assertThat(calendar.between(t, s)).isEqualTo(worked.negated());
        assertThat(worked).isBetween(Duration.ZERO, Duration.between(s, t));

        // between(s, add(s, d)) == d
        Duration part = Duration.ofNanos(Math.min(worked.toNanos(), (long) (worked.toNanos() * fraction)));
        Instant partDue = calendar.add(s, part);
        assertThat(calendar.between(s, partDue)).isEqualTo(part);

        // add(s, between(s, t)) <= t, equal exactly when t is s or the instant just before t is working
        Instant due = calendar.add(s, worked);
        boolean landsOnT = s.equals(t) || calendar.isWorkingTime(t.minusNanos(1));
        assertThat(due).isBeforeOrEqualTo(t);
        assertThat(due.equals(t)).as("add(s, between(s, t)) == t").isEqualTo(landsOnT);

        // between is additive, add composes
        assertThat(calendar.between(s, partDue).plus(calendar.between(partDue, t)))
                .isEqualTo(worked);
        assertThat(calendar.add(partDue, worked.minus(part))).isEqualTo(due);

        // the clock starts at the effective start: nothing is worked before it, and adding from either is the same
        Instant effective = calendar.effectiveStart(s);
        assertThat(calendar.between(s, effective)).isEqualTo(Duration.ZERO);
        assertThat(calendar.isWorkingTime(effective)).isTrue();
        if (!part.isZero()) {
            assertThat(calendar.add(effective, part)).isEqualTo(partDue);
        }
    }

    /**
     * Spans of up to 25 years, too long to walk day by day thousands of times: the working time over
     * the whole span must equal the sum over its pieces (each shorter than a precomputed slice), and
     * adding it back must land where adding the pieces one after another does.
     */
    @Test
    void longSpansAreSumsOfTheirPieces() {
        SeededProperty.forAll(
                2_000,
                random -> new LongSpan(
                        CalendarArbitraries.cases(random),
                        CalendarArbitraries.uniform(random, 2, 25),
                        CalendarArbitraries.uniform(random, 1, 12)),
                x -> longSpansAreSumsOfTheirPieces(x.c(), x.years(), x.pieces()));
    }

    static void longSpansAreSumsOfTheirPieces(Case c, int years, int pieces) {
        WorkCalendar calendar = c.setup().fast();
        Duration span = Duration.ofDays(365L * years + years / 4).plusNanos(c.t().getNano());
        // forwards from s, or backwards where that would leave the supported range
        boolean fits = c.s().plus(span).isBefore(WorkCalendar.SUPPORTED_UNTIL);
        Instant s = fits ? c.s() : c.s().minus(span);
        Instant t = fits ? c.s().plus(span) : c.s();

        Duration sum = Duration.ZERO;
        Instant due = s;
        Instant from = s;
        for (int i = 1; i <= pieces; i++) {
            Instant to = i == pieces
                    ? t
                    : s.plus(Duration.between(s, t).multipliedBy(i).dividedBy(pieces));
            Duration piece = calendar.between(from, to);
            sum = sum.plus(piece);
            due = calendar.add(due, piece);
            from = to;
        }
        assertThat(calendar.between(s, t)).isEqualTo(sum);
        assertThat(calendar.add(s, sum)).isEqualTo(due).isBeforeOrEqualTo(t);
    }

    @Test
    void alwaysOpenIsPlainElapsedTime() {
        SeededProperty.forAll(5_000, CalendarArbitraries::cases, WorkCalendarProperties::alwaysOpenIsPlainElapsedTime);
    }

    static void alwaysOpenIsPlainElapsedTime(Case c) {
        WorkCalendar calendar = WorkCalendar.alwaysOpen();
        Duration elapsed = Duration.between(c.s(), c.t());

        assertThat(calendar.between(c.s(), c.t())).isEqualTo(elapsed);
        assertThat(calendar.add(c.s(), elapsed.abs())).isEqualTo(c.s().plus(elapsed.abs()));
        assertThat(calendar.isWorkingTime(c.s())).isTrue();
        assertThat(calendar.effectiveStart(c.s())).isEqualTo(c.s());
    }
}
