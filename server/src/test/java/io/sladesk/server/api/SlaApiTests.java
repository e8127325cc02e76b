package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The clocks of tickets through the API, with a test clock moved by hand. */
class SlaApiTests extends DeskTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    @Autowired
    io.sladesk.server.sla.RecomputeProbe recompute;

    /** Moves the test clock forward to the next given weekday and local time in a zone. */
    private Instant moveTo(DayOfWeek day, LocalTime time, ZoneId zone) {
        ZonedDateTime now = clock.instant().atZone(zone).plusDays(1);
        ZonedDateTime next = now.with(TemporalAdjusters.next(day)).with(time);
        clock.set(next.toInstant());
        return next.toInstant();
    }

    private String organization(String timeZone) {
        Api.Response r =
                admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", "Pro", "timeZone", timeZone));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id");
    }

    private static JsonNode clockOf(Api.Response ticket, String metric) {
        return ticket.json().get("sla").get(metric);
    }

    @Test
    void aProPlanP1TicketCarriesBothClocksFromItsCreation() {
        Api customer = customer(organization());
        Instant created = clock.instant();
        Api.Response t = customer.post(
                "/api/v1/tickets", Map.of("subject", "Down", "description", "all down", "severity", "P1"));
        JsonNode fr = clockOf(t, "firstResponse");
        assertThat(fr.get("dueAt").asString())
                .isEqualTo(created.plus(Duration.ofMinutes(45)).toString());
        assertThat(fr.get("status").asString()).isEqualTo("running");
        assertThat(fr.get("target").get("duration").asString()).isEqualTo("PT45M");
        assertThat(clockOf(t, "resolution").get("dueAt").asString())
                .isEqualTo(created.plus(Duration.ofHours(8)).toString());
    }

    @Test
    void theFirstPublicAgentReplyMeetsTheFirstResponseButAnInternalNoteDoesNot() {
        Api customer = customer(organization());
        Api agent = agent();
        String id = ticket(customer, "P1");
        clock.advance(Duration.ofMinutes(10));
        agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "note", "visibility", "internal"));
        customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "any news?"));
        assertThat(clockOf(agent.get("/api/v1/tickets/" + id), "firstResponse")
                        .get("status")
                        .asString())
                .isEqualTo("running");
        clock.advance(Duration.ofMinutes(10));
        Instant reply = clock.instant();
        agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "on it", "visibility", "public"));
        JsonNode fr = clockOf(agent.get("/api/v1/tickets/" + id), "firstResponse");
        assertThat(fr.get("status").asString()).isEqualTo("met");
        assertThat(fr.get("stoppedAt").asString()).isEqualTo(reply.toString());
    }

    @Test
    void pendingPausesTheResolutionClockAndAnyCustomerMessageResumesIt() {
        Api customer = customer(organization());
        Api agent = agent();
        Instant created = clock.instant();
        String id = ticket(customer, "P1"); // resolution: 8 hours, 24/7
        clock.advance(Duration.ofHours(1));
        agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "pending"));
        clock.advance(Duration.ofHours(5));
        JsonNode paused = clockOf(agent.get("/api/v1/tickets/" + id), "resolution");
        assertThat(paused.get("status").asString()).isEqualTo("paused");
        assertThat(paused.get("dueAt").isNull()).isTrue();
        assertThat(paused.get("remaining").asString()).isEqualTo("PT7H");
        // waiting on the customer does not pause the first response
        assertThat(clockOf(agent.get("/api/v1/tickets/" + id), "firstResponse")
                        .get("status")
                        .asString())
                .isEqualTo("breached");

        customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "here you go"));
        JsonNode resumed = clockOf(agent.get("/api/v1/tickets/" + id), "resolution");
        assertThat(resumed.get("status").asString()).isEqualTo("running");
        assertThat(resumed.get("dueAt").asString())
                .isEqualTo(created.plus(Duration.ofHours(13)).toString());
    }

    @Test
    void onHoldDoesNotPauseAndSolvingStopsBothClocks() {
        Api customer = customer(organization());
        Api agent = agent();
        String id = ticket(customer, "P1");
        agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "on_hold"));
        clock.advance(Duration.ofHours(1));
        assertThat(clockOf(agent.get("/api/v1/tickets/" + id), "resolution")
                        .get("status")
                        .asString())
                .isEqualTo("running");
        agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "solved"));
        Api.Response t = agent.get("/api/v1/tickets/" + id);
        assertThat(clockOf(t, "resolution").get("status").asString()).isEqualTo("met");
        assertThat(clockOf(t, "firstResponse").get("status").asString())
                .as("solved 1 h after a P1 opened without a public reply: first response late")
                .isEqualTo("breached");
    }

    @Test
    void aReopenedTicketCountsItsSolvedTimeAsPaused() {
        Api customer = customer(organization());
        Api agent = agent();
        Instant created = clock.instant();
        String id = ticket(customer, "P1");
        clock.advance(Duration.ofHours(2));
        agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "solved"));
        clock.advance(Duration.ofHours(24));
        customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "broken again"));
        JsonNode r = clockOf(agent.get("/api/v1/tickets/" + id), "resolution");
        assertThat(r.get("status").asString()).isEqualTo("running");
        assertThat(r.get("dueAt").asString())
                .isEqualTo(created.plus(Duration.ofHours(32)).toString());
    }

    @Test
    void aRunningClockPastItsDueInstantReadsAsBreachedAndTheQueueFiltersIt() {
        String org = organization();
        Api customer = customer(org);
        Api agent = agent();
        String id = ticket(customer, "P1");
        clock.advance(Duration.ofMinutes(46));
        assertThat(clockOf(agent.get("/api/v1/tickets/" + id), "firstResponse")
                        .get("status")
                        .asString())
                .isEqualTo("breached");
        assertThat(fields(agent.get("/api/v1/tickets?breached=true&organizationId=" + org), "items", "id"))
                .containsExactly(id);
        assertThat(fields(agent.get("/api/v1/tickets?breached=false&organizationId=" + org), "items", "id"))
                .isEmpty();
    }

    @Test
    void businessDayTargetsFollowTheOrganizationsTimeZone() {
        String org = organization("Asia/Taipei");
        Api customer = customer(org);
        Instant friday = moveTo(DayOfWeek.FRIDAY, LocalTime.of(15, 0), TAIPEI);
        String id = ticket(customer, "P2");
        JsonNode r = clockOf(customer.get("/api/v1/tickets/" + id), "resolution");
        assertThat(r.get("dueAt").asString())
                .isEqualTo(friday.plus(Duration.ofDays(3)).toString());
        assertThat(r.get("target").get("businessDays").asInt()).isEqualTo(1);

        List<JsonNode> started = timeline(customer, id).stream()
                .filter(n -> n.get("type").asString().equals("clock.started")
                        && n.get("clock").asString().equals("resolution"))
                .toList();
        assertThat(started).hasSize(1);
        String monday = friday.plus(Duration.ofDays(3))
                .atZone(TAIPEI)
                .format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm", java.util.Locale.ENGLISH));
        assertThat(started.get(0).get("detail").asString())
                .startsWith("Resolution due " + monday + " Asia/Taipei: opened Fri ")
                .endsWith("P2, Pro plan, 1 business day");
    }

    @Test
    void anOrganizationsOwnCalendarReplacesBusinessDaysWhole() {
        Api.Response cal = admin.post(
                "/api/v1/calendars",
                Map.of(
                        "name", unique("ny-hours"),
                        "timeZone", "America/New_York",
                        "week",
                                Map.of(
                                        "MONDAY", List.of(List.of("09:00", "17:00")),
                                        "TUESDAY", List.of(List.of("09:00", "17:00")),
                                        "WEDNESDAY", List.of(List.of("09:00", "17:00")),
                                        "THURSDAY", List.of(List.of("09:00", "17:00")),
                                        "FRIDAY", List.of(List.of("09:00", "17:00")))));
        assertThat(cal.status()).as(cal.toString()).isEqualTo(201);
        Api.Response org = admin.post(
                "/api/v1/organizations", Map.of("name", unique("org"), "plan", "Pro", "calendarId", cal.get("id")));
        assertThat(org.status()).as(org.toString()).isEqualTo(201);
        Api customer = customer(org.get("id"));
        ZoneId ny = ZoneId.of("America/New_York");
        Instant friday = moveTo(DayOfWeek.FRIDAY, LocalTime.of(20, 0), ny); // after hours
        String id = ticket(customer, "P2");
        // effective start Monday 09:00; due Tuesday 09:00 New York time
        ZonedDateTime tuesday = friday.atZone(ny)
                .with(TemporalAdjusters.next(DayOfWeek.TUESDAY))
                .with(LocalTime.of(9, 0));
        assertThat(clockOf(customer.get("/api/v1/tickets/" + id), "resolution")
                        .get("dueAt")
                        .asString())
                .isEqualTo(tuesday.toInstant().toString());
    }

    @Test
    void aSeverityChangeRetargetsAndBreachesAtOnceWhenAlreadyPastDue() {
        Api customer = customer(organization());
        Api agent = agent();
        Instant created = clock.instant();
        String id = ticket(customer, "P4");
        clock.advance(Duration.ofHours(1));
        Instant change = clock.instant();
        Api.Response changed = agent.post(
                "/api/v1/tickets/" + id + "/severity", Map.of("severity", "P1", "reason", "production is down"));
        JsonNode fr = clockOf(changed, "firstResponse");
        assertThat(fr.get("status").asString()).isEqualTo("breached");
        assertThat(fr.get("breachedAt").asString()).isEqualTo(change.toString());
        assertThat(fr.get("dueAt").asString())
                .isEqualTo(created.plus(Duration.ofMinutes(45)).toString());
        assertThat(clockOf(changed, "resolution").get("dueAt").asString())
                .isEqualTo(created.plus(Duration.ofHours(8)).toString());
        List<String> types =
                timeline(agent, id).stream().map(n -> n.get("type").asString()).toList();
        assertThat(types).containsSubsequence("severity.changed", "clock.retargeted", "clock.breached");
        assertThat(types.stream().filter("clock.breached"::equals).count()).isEqualTo(1);
    }

    @Test
    void anImportAlreadyPastDueIsBreachedAtTheImport() {
        String org = organization("Asia/Taipei");
        Instant createdAt = clock.instant().minus(Duration.ofDays(10));
        Map<String, Object> body = new HashMap<>(Map.of(
                "subject",
                "old",
                "description",
                "imported",
                "organizationId",
                org,
                "severity",
                "P1",
                "createdAt",
                createdAt.toString()));
        Api.Response t = admin.post("/api/v1/tickets", body);
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        JsonNode fr = clockOf(t, "firstResponse");
        assertThat(fr.get("status").asString()).isEqualTo("breached");
        assertThat(fr.get("breachedAt").asString()).isEqualTo(clock.instant().toString());
        assertThat(fr.get("dueAt").asString())
                .isEqualTo(createdAt.plus(Duration.ofMinutes(45)).toString());
        // found breached at once, escalated at once: both levels of the Pro ladder, in the answer
        assertThat(t.json().get("escalationLevel").asInt()).isEqualTo(2);
        List<String> types = timeline(admin, t.get("id")).stream()
                .map(n -> n.get("type").asString())
                .toList();
        assertThat(types).containsSubsequence("clock.breached", "escalation.raised", "escalation.raised");
        assertThat(types.stream().filter("escalation.raised"::equals).count()).isEqualTo(2);
        assertThat(timeline(admin, t.get("id")).stream()
                        .map(n -> n.get("at").asString())
                        .toList())
                .as("oldest first")
                .isSorted();
    }

    @Test
    void theDueQueueSortsByTheNearestRunningDueInstant() {
        String org = organization();
        Api customer = customer(org);
        Api agent = agent();
        String p4 = ticket(customer, "P4");
        String p1 = ticket(customer, "P1");
        String solved = ticket(customer, "P2");
        agent.post("/api/v1/tickets/" + solved + "/status", Map.of("status", "solved"));
        String p3 = ticket(customer, "P3");
        List<String> order = fields(agent.get("/api/v1/tickets?sort=due&organizationId=" + org), "items", "id");
        assertThat(order).containsExactly(p1, p3, p4, solved);
        List<String> paged = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = agent.get("/api/v1/tickets?sort=due&limit=1&organizationId=" + org
                    + (cursor == null ? "" : "&cursor=" + cursor));
            paged.addAll(fields(page, "items", "id"));
            cursor = page.get("next");
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(order);
        Long plans = db.sql("select count(*) from pg_indexes where indexname = 'sla_tickets_queue_order_idx'")
                .query(Long.class)
                .single();
        assertThat(plans).isEqualTo(1);
    }

    @Test
    void previewAnswersTheDueInstantsForAPlanSeverityAndStart() {
        String org = organization("Asia/Taipei");
        Instant start = LocalDateTime.parse("2026-03-06T15:00").atZone(TAIPEI).toInstant();
        Api.Response r = agent().post(
                        "/api/v1/sla/preview",
                        Map.of("plan", "Pro", "severity", "P2", "start", start.toString(), "organizationId", org));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("firstResponse").get("dueAt").asString())
                .isEqualTo(start.plus(Duration.ofHours(2)).toString());
        assertThat(r.json().get("resolution").get("dueAt").asString())
                .isEqualTo(LocalDateTime.parse("2026-03-09T15:00")
                        .atZone(TAIPEI)
                        .toInstant()
                        .toString());
        Api.Response late = agent().post(
                        "/api/v1/sla/preview",
                        Map.of("plan", "Pro", "severity", "P4", "start", "2199-12-30T12:00:00Z"));
        assertThat(late.status())
                .as("beyond the calendar's years: a 400, not a 500")
                .isEqualTo(400);
        assertThat(fields(late, "errors", "field")).containsExactly("start");
        assertThat(agent().post("/api/v1/sla/preview", Map.of("plan", "Pro", "severity", "P7", "start", "x"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aCustomPolicyOnACustomCalendarAndItsChangeRecomputesRunningClocks() {
        Api.Response cal = admin.post(
                "/api/v1/calendars",
                Map.of(
                        "name", unique("taipei-office"),
                        "timeZone", "Asia/Taipei",
                        "week",
                                Map.of(
                                        "MONDAY", List.of(List.of("09:00", "18:00")),
                                        "TUESDAY", List.of(List.of("09:00", "18:00")),
                                        "WEDNESDAY", List.of(List.of("09:00", "18:00")),
                                        "THURSDAY", List.of(List.of("09:00", "18:00")),
                                        "FRIDAY", List.of(List.of("09:00", "18:00")))));
        String calendar = cal.get("name");
        Map<String, Object> hours = Map.of("duration", "PT4H", "calendar", calendar);
        Map<String, Object> targets = Map.of(
                "P1", Map.of("firstResponse", hours, "resolution", hours),
                "P2", Map.of("firstResponse", hours, "resolution", hours),
                "P3", Map.of("firstResponse", hours, "resolution", Map.of("businessDays", 2, "calendar", calendar)),
                "P4", Map.of("firstResponse", hours, "resolution", hours));
        Api.Response policy = admin.post("/api/v1/policies", Map.of("name", unique("office"), "targets", targets));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        Api.Response plan = admin.post("/api/v1/plans", Map.of("name", unique("Office"), "policyId", policy.get("id")));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        Api.Response org = admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", plan.get("name")));
        Api customer = customer(org.get("id"));

        Instant thursday = moveTo(DayOfWeek.THURSDAY, LocalTime.of(16, 0), TAIPEI);
        String id = ticket(customer, "P3");
        // 4 working hours from Thursday 16:00: 2 h Thursday, 2 h Friday → Friday 11:00
        assertThat(clockOf(customer.get("/api/v1/tickets/" + id), "firstResponse")
                        .get("dueAt")
                        .asString())
                .isEqualTo(thursday.plus(Duration.ofHours(19)).toString());
        assertThat(clockOf(customer.get("/api/v1/tickets/" + id), "resolution")
                        .get("dueAt")
                        .asString())
                .isEqualTo(thursday.plus(Duration.ofDays(4)).toString()); // Monday 16:00

        recompute.runPending(); // what other tests' changes left queued
        // Friday becomes a holiday: the change is accepted at once, clocks follow in the background
        String fridayDate =
                thursday.plus(Duration.ofDays(1)).atZone(TAIPEI).toLocalDate().toString();
        Api.Response added =
                admin.post("/api/v1/calendars/" + cal.get("id") + "/holidays", Map.of("holidays", List.of(fridayDate)));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(recompute.runPending()).isEqualTo(2);
        assertThat(clockOf(customer.get("/api/v1/tickets/" + id), "firstResponse")
                        .get("dueAt")
                        .asString())
                .isEqualTo(thursday.plus(Duration.ofDays(3))
                        .plus(Duration.ofHours(19))
                        .toString()); // Monday 11:00
        assertThat(clockOf(customer.get("/api/v1/tickets/" + id), "resolution")
                        .get("dueAt")
                        .asString())
                .isEqualTo(thursday.plus(Duration.ofDays(5)).toString()); // Tuesday 16:00
        // each running clock was retargeted once, by the one job the holiday queued
        assertThat(timeline(customer, id).stream()
                        .filter(n -> n.get("type").asString().equals("clock.retargeted"))
                        .map(n -> n.get("clock").asString()))
                .containsExactlyInAnyOrder("first_response", "resolution");
        assertThat(recompute.runPending()).as("nothing left to recompute").isZero();
    }

    @Test
    void holidaysImportFromAnICalendarFile() {
        Api.Response cal = admin.post(
                "/api/v1/calendars",
                Map.of(
                        "name",
                        unique("tw"),
                        "timeZone",
                        "Asia/Taipei",
                        "week",
                        Map.of("MONDAY", List.of(List.of("09:00", "18:00")))));
        String ics = String.join(
                "\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//test//EN",
                "BEGIN:VEVENT",
                "UID:1@test",
                "DTSTAMP:20260101T000000Z",
                "DTSTART;VALUE=DATE:20261010",
                "DTEND;VALUE=DATE:20261011",
                "SUMMARY:National Day",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:2@test",
                "DTSTAMP:20260101T000000Z",
                "DTSTART;VALUE=DATE:20260216",
                "DTEND;VALUE=DATE:20260219",
                "SUMMARY:Lunar New Year",
                "END:VEVENT",
                "END:VCALENDAR",
                "");
        Api.Response r = admin.send(
                "POST", "/api/v1/calendars/" + cal.get("id") + "/holidays/import", "text/calendar", ics, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("holidays").values().stream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("2026-02-16", "2026-02-17", "2026-02-18", "2026-10-10");
        Api.Response bad = admin.send(
                "POST",
                "/api/v1/calendars/" + cal.get("id") + "/holidays/import",
                "text/calendar",
                "not a calendar",
                Map.of());
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void badCalendarsAndPoliciesAre400NamingTheField() {
        long calendars = count("calendars");
        Api.Response overlapping = admin.post(
                "/api/v1/calendars",
                Map.of(
                        "name",
                        unique("bad"),
                        "timeZone",
                        "Asia/Taipei",
                        "week",
                        Map.of("MONDAY", List.of(List.of("09:00", "12:00"), List.of("11:00", "18:00")))));
        assertThat(overlapping.status()).isEqualTo(400);
        assertThat(fields(overlapping, "errors", "field")).contains("week.MONDAY");
        Api.Response reversed = admin.post(
                "/api/v1/calendars",
                Map.of(
                        "name",
                        unique("bad"),
                        "timeZone",
                        "Nowhere/City",
                        "week",
                        Map.of("FUNDAY", List.of(List.of("18:00", "09:00")))));
        assertThat(fields(reversed, "errors", "field")).contains("timeZone", "week.FUNDAY");
        Api.Response empty = admin.post(
                "/api/v1/calendars",
                Map.of("name", unique("never"), "timeZone", "UTC", "week", Map.of("MONDAY", List.of())));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(fields(empty, "errors", "field")).contains("week");
        assertThat(count("calendars")).isEqualTo(calendars);

        Api.Response policy = admin.post(
                "/api/v1/policies",
                Map.of(
                        "name",
                        unique("p"),
                        "targets",
                        Map.of(
                                "P1", Map.of("firstResponse", Map.of("duration", "soon")),
                                "P2", Map.of("resolution", Map.of("duration", "P999D")),
                                "P9", Map.of())));
        assertThat(policy.status()).isEqualTo(400);
        assertThat(fields(policy, "errors", "field"))
                .containsExactlyInAnyOrder(
                        "targets.P1.firstResponse.duration", "targets.P2.resolution.duration", "targets.P9");

        // a policy may name only what differs from Pro: the rest keeps Pro's targets
        Api.Response partial = admin.post(
                "/api/v1/policies",
                Map.of(
                        "name",
                        unique("p1-only"),
                        "targets",
                        Map.of("P1", Map.of("firstResponse", Map.of("duration", "PT3S", "calendar", "24x7")))));
        assertThat(partial.status()).as(partial.toString()).isEqualTo(201);
        JsonNode targets = partial.json().get("targets");
        assertThat(targets.get("P1").get("firstResponse").get("duration").asString())
                .isEqualTo("PT3S");
        assertThat(targets.get("P1").get("resolution").get("duration").asString())
                .isEqualTo("PT8H");
        assertThat(targets.get("P3").get("resolution").get("businessDays").asInt())
                .isEqualTo(2);
        assertThat(agent().post("/api/v1/calendars", Map.of("name", "x")).status())
                .isEqualTo(403);
    }

    private List<JsonNode> timeline(Api who, String id) {
        return who.get("/api/v1/tickets/" + id + "/timeline").json().get("items").values().stream()
                .toList();
    }
}
