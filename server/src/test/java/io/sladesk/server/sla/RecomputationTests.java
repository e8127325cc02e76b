package io.sladesk.server.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Background recomputations after a calendar change, when one of them keeps failing: the
 * failing job is retried with backoff and finally set aside, and never holds up the jobs
 * queued after it. A job fails here because its clocks cannot be read: their stored targets
 * are corrupted behind the application's back (restored after the test). (Renaming the
 * calendar no longer breaks anything: clocks refer to it by id.)
 */
@ExtendWith(OutputCaptureExtension.class)
class RecomputationTests extends DeskTest {
    /** The waits after each failure with the defaults: 30 s doubled, below the one-hour cap. */
    private static final List<Duration> BACKOFFS = List.of(
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(8),
            Duration.ofMinutes(16),
            Duration.ofMinutes(32));

    private static final int MAX_ATTEMPTS = 8;

    @Autowired
    Recomputations recomputations;

    private String brokenCalendarId;
    private String brokenCalendarName;

    private record Desk(String calendarId, String calendarName, String ticketId, Api customer) {}

    /** A calendar, a policy on it, an organization on that policy, and one running ticket. */
    private Desk desk() {
        String name = unique("hours");
        Api.Response cal = admin.post(
                "/api/v1/calendars",
                Map.of(
                        "name",
                        name,
                        "timeZone",
                        "UTC",
                        "week",
                        Map.of(
                                "MONDAY", List.of(List.of("08:00", "20:00")),
                                "TUESDAY", List.of(List.of("08:00", "20:00")),
                                "WEDNESDAY", List.of(List.of("08:00", "20:00")),
                                "THURSDAY", List.of(List.of("08:00", "20:00")),
                                "FRIDAY", List.of(List.of("08:00", "20:00")))));
        assertThat(cal.status()).as(cal.toString()).isEqualTo(201);
        Map<String, Object> hours = Map.of("duration", "PT4H", "calendar", name);
        Map<String, Object> both = Map.of("firstResponse", hours, "resolution", hours);
        Api.Response policy = admin.post(
                "/api/v1/policies",
                Map.of(
                        "name",
                        unique("on-" + name),
                        "targets",
                        Map.of("P1", both, "P2", both, "P3", both, "P4", both)));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        Api.Response plan = admin.post("/api/v1/plans", Map.of("name", unique("Plan"), "policyId", policy.get("id")));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        Api.Response org = admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", plan.get("name")));
        assertThat(org.status()).as(org.toString()).isEqualTo(201);
        Api customer = customer(org.get("id"));
        return new Desk(cal.get("id"), name, ticket(customer, "P3"), customer);
    }

    /** Adds a holiday on the day the ticket's resolution is due, so its due instant moves; returns the job. */
    private UUID changeCalendarUnder(Desk d) {
        String due = d.customer()
                .get("/api/v1/tickets/" + d.ticketId())
                .json()
                .get("sla")
                .get("resolution")
                .get("dueAt")
                .asString();
        String day = Instant.parse(due).atZone(ZoneOffset.UTC).toLocalDate().toString();
        Api.Response r =
                admin.post("/api/v1/calendars/" + d.calendarId() + "/holidays", Map.of("holidays", List.of(day)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return db.sql("select id from sla_recompute_jobs where subject_id = ?::uuid and status = 'pending'")
                .param(d.calendarId())
                .query(UUID.class)
                .single();
    }

    /** The stored targets of the broken calendar's clocks, to put back after the test. */
    private List<Map<String, Object>> savedTargets = List.of();

    /** Makes the calendar's clocks unreadable: their stored targets no longer parse. */
    private void breakCalendar(Desk d) {
        brokenCalendarId = d.calendarId();
        brokenCalendarName = d.calendarName();
        savedTargets = db.sql(
                        "select ticket_id, metric, target::text as target from sla_clocks where calendar_id = ?::uuid")
                .param(d.calendarId())
                .query()
                .listOfRows();
        db.sql("update sla_clocks set target = target || '{\"duration\": \"not a duration\"}'::jsonb"
                        + " where calendar_id = ?::uuid")
                .param(d.calendarId())
                .update();
    }

    @AfterEach
    void restoreCalendar() {
        if (brokenCalendarId == null) return;
        for (Map<String, Object> row : savedTargets) {
            db.sql("update sla_clocks set target = ?::jsonb where ticket_id = ? and metric = ?")
                    .params(row.get("target"), row.get("ticket_id"), row.get("metric"))
                    .update();
        }
        savedTargets = List.of();
        brokenCalendarId = null;
    }

    private Map<String, Object> job(UUID id) {
        return db.sql("select status, attempts, next_attempt_at, last_error, failed_at, done_at"
                        + " from sla_recompute_jobs where id = ?")
                .param(id)
                .query()
                .singleRow();
    }

    private static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant();
    }

    private String resolutionDue(Desk d) {
        return d.customer()
                .get("/api/v1/tickets/" + d.ticketId())
                .json()
                .get("sla")
                .get("resolution")
                .get("dueAt")
                .asString();
    }

    @Test
    void aFailingJobDoesNotBlockALaterOneIsRetriedWithBackoffAndSetAsideAfterTheLimit(CapturedOutput output) {
        Desk broken = desk();
        Desk fine = desk();
        recomputations.runPending(); // whatever earlier tests left queued
        UUID failing = changeCalendarUnder(broken);
        breakCalendar(broken);
        clock.advance(Duration.ofSeconds(1));
        String fineDue = resolutionDue(fine);
        UUID later = changeCalendarUnder(fine);

        recomputations.runPending();

        assertThat(job(later).get("status")).as("the later job ran").isEqualTo("done");
        assertThat(resolutionDue(fine)).as("its clocks were recomputed").isNotEqualTo(fineDue);
        Map<String, Object> first = job(failing);
        assertThat(first.get("status")).isEqualTo("pending");
        assertThat(first.get("attempts")).isEqualTo(1);
        assertThat((String) first.get("last_error")).contains("cannot be parsed to a Duration");
        assertThat(instant(first.get("next_attempt_at")))
                .isEqualTo(clock.instant().plus(BACKOFFS.get(0)));

        // not before its backoff
        clock.advance(BACKOFFS.get(0).minusMillis(1));
        recomputations.runPending();
        assertThat(job(failing).get("attempts")).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        for (int attempt = 2; attempt < MAX_ATTEMPTS; attempt++) {
            recomputations.runPending();
            Map<String, Object> j = job(failing);
            assertThat(j.get("attempts")).isEqualTo(attempt);
            assertThat(j.get("status")).isEqualTo("pending");
            assertThat(instant(j.get("next_attempt_at")))
                    .as("after failure " + attempt)
                    .isEqualTo(clock.instant().plus(BACKOFFS.get(attempt - 1)));
            clock.advance(BACKOFFS.get(attempt - 1));
        }
        recomputations.runPending();
        Map<String, Object> last = job(failing);
        assertThat(last.get("attempts")).isEqualTo(MAX_ATTEMPTS);
        assertThat(last.get("status")).isEqualTo("failed");
        assertThat(instant(last.get("failed_at"))).isEqualTo(clock.instant());
        assertThat((String) last.get("last_error")).contains("cannot be parsed to a Duration");
        assertThat(last.get("done_at")).isNull();
        assertThat(output.getAll().lines().filter(l -> l.contains(" ERROR ") && l.contains(failing.toString())))
                .as("set aside at ERROR")
                .singleElement()
                .asString()
                .contains("set aside as failed");

        // set aside for good: later sweeps leave it, and later jobs still run
        clock.advance(Duration.ofDays(1));
        String fineDueNow = resolutionDue(fine);
        UUID after = changeCalendarUnder(fine);
        recomputations.runPending();
        assertThat(job(failing).get("attempts")).isEqualTo(MAX_ATTEMPTS);
        assertThat(job(failing).get("status")).isEqualTo("failed");
        assertThat(job(after).get("status")).isEqualTo("done");
        assertThat(resolutionDue(fine)).isNotEqualTo(fineDueNow);
    }

    @Test
    void aJobThatFailedOnceSucceedsOnItsRetryOnceItsCalendarResolvesAgain() {
        Desk d = desk();
        recomputations.runPending();
        String due = resolutionDue(d);
        UUID job = changeCalendarUnder(d);
        breakCalendar(d);
        recomputations.runPending();
        assertThat(job(job).get("attempts")).isEqualTo(1);

        restoreCalendar();
        assertThat(resolutionDue(d)).as("nothing of the failed batch was kept").isEqualTo(due);
        clock.advance(BACKOFFS.get(0));
        recomputations.runPending();
        Map<String, Object> j = job(job);
        assertThat(j.get("status")).isEqualTo("done");
        assertThat(j.get("attempts")).as("the failure stays on record").isEqualTo(1);
        assertThat(instant(j.get("done_at"))).isEqualTo(clock.instant());
        assertThat(resolutionDue(d)).isNotEqualTo(due);
    }
}
