package io.sladesk.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast local-to-instant conversion against {@code ZonedDateTime.of}, which defines it. */
class LocalToInstantTest {

    private static final long FROM = Instant.parse("1969-12-25T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2200-01-10T00:00:00Z").getEpochSecond();

    private static long expected(ZoneId zone, long localEpochSecond) {
        LocalDateTime local = LocalDateTime.ofEpochSecond(localEpochSecond, 0, ZoneOffset.UTC);
        return ZonedDateTime.of(local, zone).toEpochSecond();
    }

    @Test
    void agreesAroundEveryTransitionFrom1970To2200() {
        int checked = 0;
        for (ZoneId zone : CalendarArbitraries.ZONES) {
            ZoneRules rules = zone.getRules();
            for (ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(FROM));
                    t != null && t.toEpochSecond() < TO;
                    t = rules.nextTransition(t.getInstant())) {
                // a converter over a window around this transition, like a slice of the calendar
                long local = t.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC);
                LocalToInstant conversion = LocalToInstant.over(rules, local - 3 * 86_400, local + 3 * 86_400);
                long[] edges = {
                    t.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC),
                    t.getDateTimeAfter().toEpochSecond(ZoneOffset.UTC)
                };
                for (long edge : edges) {
                    for (long delta = -7_200;
                            delta <= 7_200;
                            delta += delta % 900 == 0 && Math.abs(delta) > 60 ? 900 : 1) {
                        assertThat(conversion.toEpochSecond(edge + delta))
                                .as(
                                        "%s at local %s",
                                        zone, LocalDateTime.ofEpochSecond(edge + delta, 0, ZoneOffset.UTC))
                                .isEqualTo(expected(zone, edge + delta));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1_000_000);
    }

    @Test
    void agreesAtRandomTimesAcrossWholeSlices() {
        SplittableRandom random = new SplittableRandom(20_260_601);
        for (ZoneId zone : CalendarArbitraries.ZONES) {
            for (int window = 0; window < 40; window++) {
                long from = random.nextLong(FROM, TO - 900L * 86_400);
                LocalToInstant conversion = LocalToInstant.over(zone.getRules(), from, from + 900L * 86_400);
                for (int i = 0; i < 2_000; i++) {
                    long local = random.nextLong(from, from + 900L * 86_400 + 1);
                    assertThat(conversion.toEpochSecond(local)).isEqualTo(expected(zone, local));
                }
            }
        }
    }
}
