package io.sladesk.server.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.calendar.WorkCalendar;
import io.sladesk.server.calendars.ResolvedCalendar;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The clock rules of sla.md, as plain Java: each test passes the instants of what happens. */
class SlaClockTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final UUID TICKET = UUID.randomUUID();
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PRO_PLAN = UUID.randomUUID();

    /** A schedule without warnings or escalations: the clock rules alone. */
    private static Schedule plain(
            UUID policyId, UUID planId, Severity severity, Target target, ResolvedCalendar calendar, Duration grace) {
        return new Schedule(policyId, planId, severity, target, calendar, grace, 0.75, List.of());
    }

    /** Taipei local time on a date of March 2026 (Fri 6, Sat 7, Mon 9…). */
    private static Instant taipei(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(TAIPEI).toInstant();
    }

    private static Schedule businessDays(Severity severity, int days, WorkCalendar cal) {
        return plain(
                UUID.randomUUID(),
                PRO_PLAN,
                severity,
                new Target(null, days, "business-days"),
                new ResolvedCalendar(cal, null, TAIPEI, "business days"),
                Duration.ZERO);
    }

    private static Schedule always(Severity severity, Duration d, Duration grace) {
        return plain(
                UUID.randomUUID(),
                PRO_PLAN,
                severity,
                new Target(d, null, "24x7"),
                new ResolvedCalendar(WorkCalendar.alwaysOpen(), null, TAIPEI, "24/7"),
                grace);
    }

    private static SlaClock start(Instant at, Schedule s) {
        return SlaClock.start(TICKET, Metric.RESOLUTION, ORG, at, s);
    }

    // ---- sla.md's examples

    @Test
    void p2OpenedFridayAfternoonIsDueMondaySameTime() {
        SlaClock c = start(taipei("2026-03-06T15:00"), businessDays(Severity.P2, 1, WorkCalendar.businessDays(TAIPEI)));
        assertThat(c.dueAt).isEqualTo(taipei("2026-03-09T15:00"));
        // the history keeps what the due instant rests on, as data; words come when read
        ClockEvent started = c.drainEvents().get(0);
        assertThat(started.type()).isEqualTo("clock.started");
        assertThat(started.data())
                .containsEntry("dueAt", taipei("2026-03-09T15:00").toString())
                .containsEntry("severity", "P2")
                .containsEntry("planId", PRO_PLAN.toString())
                .containsEntry("target", java.util.Map.of("businessDays", 1, "calendar", "business-days"));
    }

    @Test
    void p2OpenedSaturdayStartsMondayAndIsDueAtTheEndOfMonday() {
        SlaClock c = start(taipei("2026-03-07T10:00"), businessDays(Severity.P2, 1, WorkCalendar.businessDays(TAIPEI)));
        assertThat(c.dueAt).isEqualTo(taipei("2026-03-10T00:00"));
    }

    @Test
    void p3OpenedThursdayBeforeAFridayHolidayIsDueTuesday() {
        WorkCalendar withHoliday =
                WorkCalendar.businessDays(TAIPEI).withHolidays(List.of(LocalDate.parse("2026-03-06")));
        SlaClock c = start(taipei("2026-03-05T09:30"), businessDays(Severity.P3, 2, withHoliday));
        assertThat(c.dueAt).isEqualTo(taipei("2026-03-10T09:30"));
    }

    @Test
    void businessDaysCountFromTheEffectiveStartAndPausesMoveTheDueInstantByTheirWorkingTime() {
        ZoneId ny = ZoneId.of("America/New_York");
        WorkCalendar hours = WorkCalendar.of(
                ny,
                io.sladesk.calendar.WeeklyHours.of(
                        java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY),
                        io.sladesk.calendar.WorkingInterval.parse("09:00", "17:00")),
                List.of());
        Schedule s = plain(
                UUID.randomUUID(),
                PRO_PLAN,
                Severity.P2,
                new Target(null, 1, "office"),
                new ResolvedCalendar(hours, UUID.randomUUID(), ny, "office"),
                Duration.ZERO);
        Instant friday =
                java.time.LocalDateTime.parse("2026-03-06T20:00").atZone(ny).toInstant();
        SlaClock c = SlaClock.start(TICKET, Metric.RESOLUTION, ORG, friday, s);
        Instant tuesday9 =
                java.time.LocalDateTime.parse("2026-03-10T09:00").atZone(ny).toInstant();
        assertThat(c.dueAt)
                .as("not Monday 17:00, which holds as much working time")
                .isEqualTo(tuesday9);
        c.pause(java.time.LocalDateTime.parse("2026-03-09T10:00").atZone(ny).toInstant(), s);
        assertThat(c.view(friday, () -> s).remaining()).isEqualTo(Duration.ofHours(7));
        c.resume(
                java.time.LocalDateTime.parse("2026-03-09T11:00").atZone(ny).toInstant(),
                s,
                ClockReason.CUSTOMER_ANSWERED);
        assertThat(c.dueAt).isEqualTo(tuesday9.plus(Duration.ofHours(1)));
    }

    // ---- pauses

    @Test
    void aPauseOverAWeekendIsWorthNothingOnBusinessDaysAnd48HoursOn24x7() {
        Schedule bd = businessDays(Severity.P3, 2, WorkCalendar.businessDays(TAIPEI));
        SlaClock onBusinessDays = start(taipei("2026-03-05T09:30"), bd); // due Mon 9 Mar 09:30
        onBusinessDays.pause(taipei("2026-03-07T00:00"), bd);
        onBusinessDays.resume(taipei("2026-03-09T00:00"), bd, ClockReason.CUSTOMER_ANSWERED);
        assertThat(onBusinessDays.dueAt).isEqualTo(taipei("2026-03-09T09:30"));

        Schedule h72 = always(Severity.P3, Duration.ofHours(72), Duration.ZERO);
        SlaClock on24x7 = start(taipei("2026-03-05T09:30"), h72);
        on24x7.pause(taipei("2026-03-07T00:00"), h72);
        on24x7.resume(taipei("2026-03-09T00:00"), h72, ClockReason.CUSTOMER_ANSWERED);
        assertThat(on24x7.dueAt).isEqualTo(taipei("2026-03-08T09:30").plus(Duration.ofHours(48)));
    }

    @Test
    void whilePausedThereIsNoDueInstantButTheWorkingTimeLeft() {
        Schedule s = always(Severity.P1, Duration.ofHours(8), Duration.ZERO);
        Instant t0 = taipei("2026-03-06T10:00");
        SlaClock c = start(t0, s);
        c.pause(t0.plus(Duration.ofHours(3)), s);
        ClockView v = c.view(t0.plus(Duration.ofHours(100)), () -> s);
        assertThat(v.status()).isEqualTo(ClockStatus.PAUSED);
        assertThat(v.dueAt()).isNull();
        assertThat(v.remaining()).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void aPauseThatBeginsAfterTheDueInstantDoesNotRescueTheClock() {
        Schedule s = always(Severity.P1, Duration.ofHours(1), Duration.ZERO);
        Instant t0 = taipei("2026-03-06T10:00");
        SlaClock c = start(t0, s);
        c.pause(t0.plus(Duration.ofHours(2)), s);
        c.resume(t0.plus(Duration.ofHours(5)), s, ClockReason.CUSTOMER_ANSWERED);
        assertThat(c.dueAt).isEqualTo(t0.plus(Duration.ofHours(1)));
        assertThat(c.status(t0.plus(Duration.ofHours(5)))).isEqualTo(ClockStatus.BREACHED);
    }

    // ---- stopping

    @Test
    void aClockStoppedExactlyAtItsDueInstantIsMetAndOneMillisecondLaterIsNot() {
        Schedule s = always(Severity.P1, Duration.ofMinutes(45), Duration.ZERO);
        Instant t0 = taipei("2026-03-06T10:00");
        SlaClock onTime = start(t0, s);
        onTime.stop(t0.plus(Duration.ofMinutes(45)), s, ClockReason.FIRST_REPLY);
        assertThat(onTime.met).isTrue();
        assertThat(onTime.status(t0.plus(Duration.ofDays(1)))).isEqualTo(ClockStatus.MET);
        assertThat(onTime.breachedAt).isNull();

        SlaClock late = start(t0, s);
        Instant stop = t0.plus(Duration.ofMinutes(45)).plusMillis(1);
        late.stop(stop, s, ClockReason.FIRST_REPLY);
        assertThat(late.met).isFalse();
        assertThat(late.status(stop)).isEqualTo(ClockStatus.BREACHED);
        assertThat(late.breachedAt).isEqualTo(stop);
        assertThat(late.breachDueAt).isEqualTo(t0.plus(Duration.ofMinutes(45)));
    }

    @Test
    void aReopenedTicketResumesTheClockWithTheSolvedTimeCountedAsPaused() {
        Schedule s = always(Severity.P1, Duration.ofHours(8), Duration.ZERO);
        Instant t0 = taipei("2026-03-06T10:00");
        SlaClock c = start(t0, s);
        c.stop(t0.plus(Duration.ofHours(2)), s, ClockReason.SOLVED);
        assertThat(c.status(t0.plus(Duration.ofHours(2)))).isEqualTo(ClockStatus.MET);
        c.reopen(t0.plus(Duration.ofHours(30)), s);
        assertThat(c.status(t0.plus(Duration.ofHours(30)))).isEqualTo(ClockStatus.RUNNING);
        assertThat(c.dueAt).isEqualTo(t0.plus(Duration.ofHours(36)));
    }

    // ---- severity changes

    @Test
    void aSeverityChangeRetargetsFromTheOriginalStartWithPausesKept() {
        Schedule p4 = always(Severity.P4, Duration.ofHours(8), Duration.ZERO);
        Schedule p2 = always(Severity.P2, Duration.ofHours(2), Duration.ZERO);
        Instant t0 = taipei("2026-03-06T10:00");
        SlaClock c = start(t0, p4);
        c.pause(t0.plusSeconds(600), p4);
        c.resume(t0.plusSeconds(1200), p4, ClockReason.CUSTOMER_ANSWERED); // 10 minutes paused
        c.retarget(t0.plus(Duration.ofMinutes(30)), p4, p2, ClockReason.SEVERITY_CHANGED, null);
        assertThat(c.dueAt).isEqualTo(t0.plus(Duration.ofMinutes(130)));
        assertThat(c.breachedAt).isNull();
    }

    @Test
    void aRetargetWhoseDueInstantIsAlreadyPastBreachesAtTheChange() {
        Schedule p4 = always(Severity.P4, Duration.ofHours(8), Duration.ZERO);
        Schedule p1 = always(Severity.P1, Duration.ofMinutes(45), Duration.ZERO);
        Instant t0 = taipei("2026-03-06T10:00");
        SlaClock c = start(t0, p4);
        Instant change = t0.plus(Duration.ofHours(1));
        c.retarget(change, p4, p1, ClockReason.SEVERITY_CHANGED, null);
        assertThat(c.breachedAt).isEqualTo(change);
        assertThat(c.dueAt).isEqualTo(t0.plus(Duration.ofMinutes(45)));
        // a later downgrade does not erase the breach
        c.retarget(change.plusSeconds(60), p1, p4, ClockReason.SEVERITY_CHANGED, null);
        assertThat(c.breachedAt).isEqualTo(change);
        assertThat(c.status(change.plusSeconds(60))).isEqualTo(ClockStatus.BREACHED);
    }

    @Test
    void theUpgradeGraceGivesTimeAfterAChangeThatShortensTheTarget() {
        Duration grace = Duration.ofMinutes(30);
        Schedule p4 = always(Severity.P4, Duration.ofHours(8), grace);
        Schedule p1 = always(Severity.P1, Duration.ofMinutes(45), grace);
        Instant t0 = taipei("2026-03-06T10:00");
        SlaClock c = start(t0, p4);
        Instant change = t0.plus(Duration.ofHours(1));
        c.retarget(change, p4, p1, ClockReason.SEVERITY_CHANGED, null);
        assertThat(c.breachedAt).isNull();
        assertThat(c.dueAt).isEqualTo(change.plus(grace));
        // and never lengthens a target that grows
        c.retarget(change.plusSeconds(1), p1, p4, ClockReason.SEVERITY_CHANGED, null);
        assertThat(c.dueAt).isEqualTo(t0.plus(Duration.ofHours(8)));
    }

    @Test
    void aStoppedClockKeepsItsResultWhenTheSeverityChanges() {
        Schedule p4 = always(Severity.P4, Duration.ofHours(8), Duration.ZERO);
        Schedule p1 = always(Severity.P1, Duration.ofMinutes(45), Duration.ZERO);
        Instant t0 = taipei("2026-03-06T10:00");
        SlaClock c = start(t0, p4);
        c.stop(t0.plus(Duration.ofHours(2)), p4, ClockReason.FIRST_REPLY);
        c.retarget(t0.plus(Duration.ofHours(3)), p4, p1, ClockReason.SEVERITY_CHANGED, null);
        assertThat(c.met).isTrue();
        assertThat(c.severity).isEqualTo(Severity.P4);
        assertThat(c.breachedAt).isNull();
    }

    @Test
    void anImportAlreadyPastDueIsBreachedAtTheImport() {
        Schedule s = always(Severity.P1, Duration.ofMinutes(45), Duration.ZERO);
        Instant created = taipei("2026-03-06T10:00");
        SlaClock c = start(created, s);
        Instant importedAt = created.plus(Duration.ofDays(3));
        c.breachIfPast(importedAt);
        assertThat(c.breachedAt).isEqualTo(importedAt);
        assertThat(c.breachDueAt).isEqualTo(created.plus(Duration.ofMinutes(45)));
        assertThat(c.drainEvents()).extracting(ClockEvent::type).containsExactly("clock.started", "clock.breached");
    }

    @Test
    void aRunningClockPastItsDueInstantReadsAsBreachedBeforeAnyBreachIsRecorded() {
        Schedule s = always(Severity.P1, Duration.ofMinutes(45), Duration.ZERO);
        Instant t0 = taipei("2026-03-06T10:00");
        SlaClock c = start(t0, s);
        assertThat(c.status(t0.plus(Duration.ofMinutes(45)))).isEqualTo(ClockStatus.RUNNING);
        assertThat(c.status(t0.plus(Duration.ofMinutes(45)).plusMillis(1))).isEqualTo(ClockStatus.BREACHED);
        assertThat(c.breachedAt).isNull();
    }
}
