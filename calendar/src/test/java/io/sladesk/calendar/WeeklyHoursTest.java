package io.sladesk.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeeklyHoursTest {

    @Test
    void buildsFromDaysAndIntervals() {
        WeeklyHours hours = WeeklyHours.builder()
                .add(MONDAY, "09:00", "12:00")
                .add(MONDAY, "12:00", "18:00") // touching is fine
                .add(SATURDAY, "10:00", "24:00")
                .build();

        assertThat(hours.on(MONDAY))
                .containsExactly(WorkingInterval.parse("09:00-12:00"), WorkingInterval.parse("12:00-18:00"));
        assertThat(hours.on(TUESDAY)).isEmpty();
        assertThat(hours.workingDays()).containsExactly(MONDAY, SATURDAY);
        assertThat(hours).hasToString("MONDAY 09:00-12:00 12:00-18:00, SATURDAY 10:00-24:00");
        assertThat(hours.asMap()).hasSize(7);
    }

    @Test
    void offersTheUsualShapes() {
        assertThat(WeeklyHours.allDay(EnumSet.range(MONDAY, FRIDAY)).on(FRIDAY))
                .containsExactly(WorkingInterval.WHOLE_DAY);
        assertThat(WeeklyHours.allWeek().workingDays()).hasSize(7);
        assertThat(WeeklyHours.none().isEmpty()).isTrue();
        assertThat(WeeklyHours.none()).hasToString("no working hours");
        assertThat(WeeklyHours.of(Map.of(MONDAY, List.of(WorkingInterval.WHOLE_DAY))))
                .isEqualTo(WeeklyHours.allDay(EnumSet.of(MONDAY)))
                .hasSameHashCodeAs(WeeklyHours.allDay(EnumSet.of(MONDAY)));
    }

    @Test
    void namesTheDayOfAnInvalidInterval() {
        assertThatThrownBy(() -> WeeklyHours.builder().add(MONDAY, "10:00", "09:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MONDAY: interval 10:00-09:00 starts after it ends");
        assertThatThrownBy(() -> WeeklyHours.builder().add(TUESDAY, "9", "10:00"))
                .hasMessage("TUESDAY: malformed time '9': expected HH:mm or HH:mm:ss between 00:00 and 24:00");
    }

    @Test
    void rejectsOverlappingIntervals() {
        assertThatThrownBy(() -> WeeklyHours.builder()
                        .add(FRIDAY, "09:00", "12:00")
                        .add(FRIDAY, "11:00", "13:00")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FRIDAY: intervals 09:00-12:00 and 11:00-13:00 overlap");
    }

    @Test
    void rejectsIntervalsOutOfOrder() {
        assertThatThrownBy(() -> WeeklyHours.of(Map.of(
                        DayOfWeek.WEDNESDAY,
                        List.of(WorkingInterval.parse("13:00-14:00"), WorkingInterval.parse("09:00-12:00")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WEDNESDAY: intervals are not in order: 13:00-14:00 is listed before 09:00-12:00");
    }

    @Test
    void rejectsMissingIntervals() {
        Map<DayOfWeek, List<WorkingInterval>> map = new java.util.HashMap<>();
        map.put(MONDAY, null);
        assertThatThrownBy(() -> WeeklyHours.of(map)).hasMessage("MONDAY: intervals are missing");
        assertThatThrownBy(() -> WeeklyHours.of(EnumSet.of(MONDAY), (WorkingInterval) null))
                .hasMessage("MONDAY: an interval is missing");
    }

    @Test
    void isImmutable() {
        WeeklyHours hours = WeeklyHours.allWeek();

        assertThatThrownBy(() -> hours.on(MONDAY).add(WorkingInterval.WHOLE_DAY))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> hours.asMap().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
