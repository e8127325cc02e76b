package io.sladesk.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.calendar.CalendarArbitraries.Case;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The fast {@link WorkCalendar} against the day-by-day {@link ReferenceCalendar}, and the laws that
 * tie its operations together, on random calendars in awkward zones.
 *
 * <p>The tries add up to 142,000 generated cases per run, 110,000 of them checked against the
 * reference, in about 15 seconds on two cores. Edge-case mixing is off: jqwik's edge cases of these
 * combined generators are mostly the same few minimal values over and over, and the generators already
 * aim at what matters (interval boundaries, offset transitions, slice edges, zero spans, nudges of a
 * nanosecond).
 */
class WorkCalendarProperties {

    @Provide
    Arbitrary<Case> cases() {
        return CalendarArbitraries.cases();
    }

    @Provide
    Arbitrary<Integer> businessDayCounts() {
        // half up to 5, a third up to 40, the rest up to 300
        return Combinators.combine(CalendarArbitraries.uniform(0, 5), CalendarArbitraries.uniform(0, 300))
                .as((which, n) -> which < 3 ? n % 6 : which < 5 ? n % 41 : n);
    }

    @Property(tries = 30_000, edgeCases = EdgeCasesMode.NONE)
    void betweenAgreesWithReference(@ForAll("cases") Case c) {
        WorkCalendar fast = c.setup().fast();
        ReferenceCalendar reference = c.setup().reference();

        assertThat(fast.between(c.s(), c.t())).as("between").isEqualTo(reference.between(c.s(), c.t()));
    }

    @Property(tries = 30_000, edgeCases = EdgeCasesMode.NONE)
    void addAgreesWithReference(@ForAll("cases") Case c, @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
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

    @Property(tries = 20_000, edgeCases = EdgeCasesMode.NONE)
    void effectiveStartAndWorkingTimeAgreeWithReference(@ForAll("cases") Case c) {
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

    @Property(tries = 20_000, edgeCases = EdgeCasesMode.NONE)
    void addBusinessDaysAgreesWithReference(@ForAll("cases") Case c, @ForAll("businessDayCounts") int days) {
        WorkCalendar fast = c.setup().fast();
        ReferenceCalendar reference = c.setup().reference();

        assertThat(fast.addBusinessDays(c.s(), days))
                .as("addBusinessDays %d", days)
                .isEqualTo(reference.addBusinessDays(c.s(), days));
    }

    @Provide
    Arbitrary<CalendarArbitraries.BusinessDayCase> businessDaysAroundGaps() {
        return CalendarArbitraries.businessDaysAroundGaps();
    }

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void addBusinessDaysAroundGapsAgreesWithReference(
            @ForAll("businessDaysAroundGaps") CalendarArbitraries.BusinessDayCase c) {
        assertThat(c.setup().fast().addBusinessDays(c.s(), c.days()))
                .isEqualTo(c.setup().reference().addBusinessDays(c.s(), c.days()));
    }

    /**
     * Laws of the fast calendar alone, cheap enough to try often: round trips, additivity, and where
     * exactly {@code add} lands.
     */
    @Property(tries = 25_000, edgeCases = EdgeCasesMode.NONE)
    void addAndBetweenAreConsistent(@ForAll("cases") Case c, @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
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
    @Property(tries = 2_000, edgeCases = EdgeCasesMode.NONE)
    void longSpansAreSumsOfTheirPieces(
            @ForAll("cases") Case c,
            @ForAll @IntRange(min = 2, max = 25) int years,
            @ForAll @IntRange(min = 1, max = 12) int pieces) {
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

    @Property(tries = 5_000, edgeCases = EdgeCasesMode.NONE)
    void alwaysOpenIsPlainElapsedTime(@ForAll("cases") Case c) {
        WorkCalendar calendar = WorkCalendar.alwaysOpen();
        Duration elapsed = Duration.between(c.s(), c.t());

        assertThat(calendar.between(c.s(), c.t())).isEqualTo(elapsed);
        assertThat(calendar.add(c.s(), elapsed.abs())).isEqualTo(c.s().plus(elapsed.abs()));
        assertThat(calendar.isWorkingTime(c.s())).isTrue();
        assertThat(calendar.effectiveStart(c.s())).isEqualTo(c.s());
    }
}
