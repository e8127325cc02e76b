package io.sladesk.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingIntervalTest {

    @Test
    void parsesHoursMinutesAndSeconds() {
        WorkingInterval interval = WorkingInterval.parse("09:00", "17:30:15");

        assertThat(interval.startSecondOfDay()).isEqualTo(9 * 3600);
        assertThat(interval.endSecondOfDay()).isEqualTo(17 * 3600 + 30 * 60 + 15);
        assertThat(interval.start()).isEqualTo(LocalTime.of(9, 0));
        assertThat(interval).hasToString("09:00-17:30:15");
    }

    @Test
    void mayRunTo2400() {
        WorkingInterval interval = WorkingInterval.parse("22:00-24:00");

        assertThat(interval.endsAtEndOfDay()).isTrue();
        assertThat(interval.lengthSeconds()).isEqualTo(7200);
        assertThat(interval).isEqualTo(WorkingInterval.toEndOfDay(LocalTime.of(22, 0)));
        assertThat(WorkingInterval.parse("00:00", "24:00")).isEqualTo(WorkingInterval.WHOLE_DAY);
    }

    @Test
    void convertsFromLocalTimes() {
        assertThat(WorkingInterval.of(LocalTime.of(9, 0), LocalTime.of(18, 0)))
                .isEqualTo(WorkingInterval.parse("09:00-18:00"));
        assertThatThrownBy(() -> WorkingInterval.of(LocalTime.of(9, 0), LocalTime.of(18, 0, 0, 5)))
                .hasMessage("interval end 18:00:00.000000005 has a fraction of a second");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10:00 | 09:00 | interval 10:00-09:00 starts after it ends
            09:00 | 09:00 | interval 09:00-09:00 is empty: it starts when it ends
            24:00 | 24:00 | interval 24:00-24:00 is empty: it starts when it ends
            9:00  | 18:00 | malformed time '9:00': expected HH:mm or HH:mm:ss between 00:00 and 24:00
            09:60 | 18:00 | malformed time '09:60': expected HH:mm or HH:mm:ss between 00:00 and 24:00
            09:00 | 24:01 | malformed time '24:01': expected HH:mm or HH:mm:ss between 00:00 and 24:00
            09:00 | 25:00 | malformed time '25:00': expected HH:mm or HH:mm:ss between 00:00 and 24:00
            09:00 | 18h00 | malformed time '18h00': expected HH:mm or HH:mm:ss between 00:00 and 24:00
            ０9:00 | 18:00 | malformed time '０9:00': expected HH:mm or HH:mm:ss between 00:00 and 24:00
            """)
    void rejectsWhatIsNotAnInterval(String start, String end, String message) {
        assertThatThrownBy(() -> WorkingInterval.parse(start, end))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsMalformedRanges() {
        assertThatThrownBy(() -> WorkingInterval.parse("09:00"))
                .hasMessage("malformed interval '09:00': expected start-end, e.g. 09:00-18:00");
        assertThatThrownBy(() -> WorkingInterval.parse("09:00-12:00-13:00"))
                .hasMessage("malformed interval '09:00-12:00-13:00': expected start-end, e.g. 09:00-18:00");
        assertThatThrownBy(() -> WorkingInterval.parse(null, "10:00")).hasMessage("time is missing");
        assertThatThrownBy(() -> new WorkingInterval(-1, 10)).hasMessage("interval start -1 s is not a time of day");
        assertThatThrownBy(() -> new WorkingInterval(0, 86_401))
                .hasMessage("interval end 86401 s is not a time of day");
    }

    @Test
    void overlapMeansSharingASecond() {
        WorkingInterval morning = WorkingInterval.parse("09:00-12:00");

        assertThat(morning.overlaps(WorkingInterval.parse("11:59-13:00"))).isTrue();
        assertThat(morning.overlaps(WorkingInterval.parse("12:00-13:00"))).isFalse();
        assertThat(morning.compareTo(WorkingInterval.parse("09:00-10:00"))).isPositive();
    }
}
