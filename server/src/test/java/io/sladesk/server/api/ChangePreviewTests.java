package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Change previews through the API, on a prepared desk: a calendar of Monday to Friday
 * 09:00–17:00 UTC, a policy on it (first response 4 working hours, resolution 8), a plan
 * and an organization on it, and four tickets of a Monday: two running (opened 10:00 and
 * 12:00), one waiting on the customer since 13:00 (one working hour used), one solved.
 * Each preview's numbers are worked out by hand, then the real change is made and the
 * tickets' due instants are shown to be the preview's "after": the same rules answered.
 */
class ChangePreviewTests extends DeskTest {
    private static final Map<String, List<List<String>>> WEEK = week();

    @Autowired
    io.sladesk.server.sla.RecomputeProbe recompute;

    private static Map<String, List<List<String>>> week() {
        Map<String, List<List<String>>> w = new LinkedHashMap<>();
        for (String d : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"))
            w.put(d, List.of(List.of("09:00", "17:00")));
        return w;
    }

    private record Desk(
            Instant monday,
            String calendarId,
            String calendarName,
            String policyId,
            String planId,
            String orgId,
            Api customer,
            Api agent,
            String early,
            String late,
            String waiting,
            String solved) {}

    private static Map<String, Object> targets(String firstResponse, String resolution, String calendar) {
        Map<String, Object> both = Map.of(
                "firstResponse", Map.of("duration", firstResponse, "calendar", calendar),
                "resolution", Map.of("duration", resolution, "calendar", calendar));
        return Map.of("P1", both, "P2", both, "P3", both, "P4", both);
    }

    private Desk desk() {
        recompute.runPending(); // what other tests' changes left queued
        Instant monday = advanceTo(DayOfWeek.MONDAY, LocalTime.of(10, 0), ZoneOffset.UTC);
        String calName = unique("office");
        Api.Response cal = admin.post("/api/v1/calendars", Map.of("name", calName, "timeZone", "UTC", "week", WEEK));
        assertThat(cal.status()).as(cal.toString()).isEqualTo(201);
        Api.Response policy = admin.post(
                "/api/v1/policies", Map.of("name", unique("policy"), "targets", targets("PT4H", "PT8H", calName)));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        Api.Response plan = admin.post("/api/v1/plans", Map.of("name", unique("Plan"), "policyId", policy.get("id")));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        Api.Response org = admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", plan.get("id")));
        assertThat(org.status()).as(org.toString()).isEqualTo(201);
        Api customer = customer(org.get("id"));
        Api agent = agent();
        String early = ticket(customer, "P3"); // Monday 10:00
        clock.advance(Duration.ofHours(2));
        String late = ticket(customer, "P3"); // Monday 12:00
        String waiting = ticket(customer, "P3");
        String solved = ticket(customer, "P3");
        clock.advance(Duration.ofHours(1)); // Monday 13:00
        status(agent, waiting, "pending");
        status(agent, solved, "solved");
        return new Desk(
                monday,
                cal.get("id"),
                calName,
                policy.get("id"),
                plan.get("id"),
                org.get("id"),
                customer,
                agent,
                early,
                late,
                waiting,
                solved);
    }

    private static void status(Api agent, String ticket, String status) {
        Api.Response r = agent.post("/api/v1/tickets/" + ticket + "/status", Map.of("status", status));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static String at(Instant monday, int days, int hour) {
        return monday.plus(Duration.ofDays(days))
                .plus(Duration.ofHours(hour - 10))
                .toString();
    }

    private String due(Desk d, String ticket, String metric) {
        JsonNode n = admin.get("/api/v1/tickets/" + ticket)
                .json()
                .get("sla")
                .get(metric)
                .get("dueAt");
        return n == null || n.isNull() ? null : n.asString();
    }

    /** The samples as "ticket metric before → after" lines, in the order answered. */
    private static List<String> samples(Api.Response r) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : r.json().get("samples").values()) {
            assertThat(s.propertyNames()).containsExactlyInAnyOrder("ticketId", "metric", "before", "after");
            out.add(s.get("ticketId").asString() + " " + s.get("metric").asString() + " " + text(s.get("before"))
                    + " → " + text(s.get("after")));
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "null" : n.asString();
    }

    /**
     * Everything a change would touch, read straight from the tables: the desk's clocks
     * (due instants, floors, targets, calendars, policies), their history and timers, the
     * tickets' own history, the audit log, the outbox, the recomputation jobs, and the
     * calendars', policies' and plans' rows. Equal before and after a preview: nothing changed.
     */
    private Map<String, Object> snapshot(Desk d) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(
                "clocks",
                db.sql("select c.ticket_id, c.metric, c.due_at, c.due_floor, c.paused_since, c.breached_at,"
                                + " c.target::text, c.calendar_id, c.policy_id, c.severity from sla_clocks c"
                                + " where c.organization_id = ?::uuid order by 1, 2")
                        .param(d.orgId())
                        .query()
                        .listOfRows());
        s.put(
                "timers",
                db.sql("select t.* from sla_timers t join sla_clocks c on c.ticket_id = t.ticket_id"
                                + " and c.metric = t.metric where c.organization_id = ?::uuid order by 1, 2, 3")
                        .param(d.orgId())
                        .query()
                        .listOfRows());
        for (String table : List.of(
                "sla_clock_events", "ticket_events", "audit_log", "outbox", "sla_recompute_jobs", "calendar_holidays"))
            s.put(table, count(table));
        s.put(
                "calendars",
                db.sql("select id, name, time_zone, week::text, version from calendars order by id")
                        .query()
                        .listOfRows());
        s.put(
                "policies",
                db.sql("select id, targets::text, version from policies order by id")
                        .query()
                        .listOfRows());
        s.put("plans", db.sql("select * from plans order by id").query().listOfRows());
        s.put(
                "organizations",
                // each row as JSON text: a JDBC array column (widget_origins) is equal only to itself
                db.sql("select to_jsonb(o)::text as row from organizations o order by id")
                        .query()
                        .listOfRows());
        return s;
    }

    @Test
    void aHolidayOnTheDayResolutionsAreDueMovesThemAndChangesNothingUntilSaved() {
        Desk d = desk();
        Instant m = d.monday();
        String tuesday =
                m.plus(Duration.ofDays(1)).atZone(ZoneOffset.UTC).toLocalDate().toString();
        // as the tickets stand: first responses Monday 14:00 and 16:00, resolutions Tuesday 10:00 and 12:00
        assertThat(due(d, d.early(), "resolution")).isEqualTo(at(m, 1, 10));
        assertThat(due(d, d.late(), "resolution")).isEqualTo(at(m, 1, 12));
        assertThat(due(d, d.waiting(), "resolution")).isNull();
        Map<String, Object> before = snapshot(d);

        // the body of PUT /calendars/{id}, with Tuesday added
        Map<String, Object> body = new HashMap<>(Map.of("name", d.calendarName(), "timeZone", "UTC", "week", WEEK));
        body.put("holidays", List.of(tuesday));
        Api.Response r = admin.post("/api/v1/calendars/" + d.calendarId() + "/preview", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        // the two running resolutions move a working day on; first responses (Monday) stay, the
        // paused clock's remaining hours do not change, and the solved ticket is not open
        assertThat(r.json().get("affectedTickets").asInt()).isEqualTo(2);
        assertThat(samples(r))
                .containsExactly(
                        d.early() + " resolution " + at(m, 1, 10) + " → " + at(m, 2, 10),
                        d.late() + " resolution " + at(m, 1, 12) + " → " + at(m, 2, 12));
        // a body of holidays alone previews adding them, as POST …/holidays would: the same answer
        Api.Response added =
                admin.post("/api/v1/calendars/" + d.calendarId() + "/preview", Map.of("holidays", List.of(tuesday)));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json()).isEqualTo(r.json());

        assertThat(snapshot(d)).as("a preview changes nothing").isEqualTo(before);
        assertThat(due(d, d.early(), "resolution")).isEqualTo(at(m, 1, 10));

        // saving it does what the preview said
        Api.Response saved =
                admin.post("/api/v1/calendars/" + d.calendarId() + "/holidays", Map.of("holidays", List.of(tuesday)));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        recompute.runPending();
        assertThat(due(d, d.early(), "resolution")).isEqualTo(at(m, 2, 10));
        assertThat(due(d, d.late(), "resolution")).isEqualTo(at(m, 2, 12));
        assertThat(due(d, d.early(), "firstResponse")).isEqualTo(at(m, 0, 14));
        // previewing the same again: nothing left to move
        Api.Response again =
                admin.post("/api/v1/calendars/" + d.calendarId() + "/preview", Map.of("holidays", List.of(tuesday)));
        assertThat(again.json().get("affectedTickets").asInt()).isZero();
        assertThat(again.json().get("samples").size()).isZero();
    }

    @Test
    void aLongerResolutionTargetRetargetsRunningAndPausedClocks() {
        Desk d = desk();
        Instant m = d.monday();
        Map<String, Object> before = snapshot(d);
        // the body of PATCH /policies/{id}: only the P3 resolution changes, 8 → 12 working hours
        Map<String, Object> body = Map.of(
                "targets",
                Map.of("P3", Map.of("resolution", Map.of("duration", "PT12H", "calendar", d.calendarName()))));
        Api.Response r = admin.post("/api/v1/policies/" + d.policyId() + "/preview", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        // 12 h from Monday 10:00 is Tuesday 14:00, from 12:00 Tuesday 16:00; the paused clock's
        // 7 hours left become 11 (still paused: no due instant either side)
        assertThat(r.json().get("affectedTickets").asInt()).isEqualTo(3);
        assertThat(samples(r))
                .containsExactly(
                        d.early() + " resolution " + at(m, 1, 10) + " → " + at(m, 1, 14),
                        d.late() + " resolution " + at(m, 1, 12) + " → " + at(m, 1, 16),
                        d.waiting() + " resolution null → null");
        assertThat(snapshot(d)).as("a preview changes nothing").isEqualTo(before);

        Api.Response saved =
                admin.send("PATCH", "/api/v1/policies/" + d.policyId(), "application/json", json(body), Map.of());
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        recompute.runPending();
        assertThat(due(d, d.early(), "resolution")).isEqualTo(at(m, 1, 14));
        assertThat(due(d, d.late(), "resolution")).isEqualTo(at(m, 1, 16));
        assertThat(admin.get("/api/v1/tickets/" + d.waiting())
                        .json()
                        .get("sla")
                        .get("resolution")
                        .get("remaining")
                        .asString())
                .isEqualTo("PT11H");
    }

    private static String json(Object body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body);
    }

    @Test
    void aPlanOrOrganizationMovedToAShorterPolicyRetargetsItsTickets() {
        Desk d = desk();
        Instant m = d.monday();
        Api.Response quick = admin.post(
                "/api/v1/policies",
                Map.of("name", unique("quick"), "targets", targets("PT4H", "PT4H", d.calendarName())));
        assertThat(quick.status()).as(quick.toString()).isEqualTo(201);
        Api.Response quickPlan =
                admin.post("/api/v1/plans", Map.of("name", unique("Quick"), "policyId", quick.get("id")));
        Map<String, Object> before = snapshot(d);
        // resolution 8 → 4 working hours: Monday 14:00 and 16:00; the paused clock's 7 hours left become 3
        List<String> expected = List.of(
                d.early() + " resolution " + at(m, 1, 10) + " → " + at(m, 0, 14),
                d.late() + " resolution " + at(m, 1, 12) + " → " + at(m, 0, 16),
                d.waiting() + " resolution null → null");

        Api.Response plan = admin.post("/api/v1/plans/" + d.planId() + "/preview", Map.of("policyId", quick.get("id")));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.json().get("affectedTickets").asInt()).isEqualTo(3);
        assertThat(samples(plan)).containsExactlyElementsOf(expected);
        // renaming the plan only retargets nothing
        Api.Response rename = admin.post("/api/v1/plans/" + d.planId() + "/preview", Map.of("name", unique("Other")));
        assertThat(rename.status()).as(rename.toString()).isEqualTo(200);
        assertThat(rename.json().get("affectedTickets").asInt()).isZero();

        Api.Response org =
                admin.post("/api/v1/organizations/" + d.orgId() + "/preview", Map.of("plan", quickPlan.get("name")));
        assertThat(org.status()).as(org.toString()).isEqualTo(200);
        assertThat(org.json().get("affectedTickets").asInt()).isEqualTo(3);
        assertThat(samples(org)).containsExactlyElementsOf(expected);
        // a new time zone does not move clocks on a calendar with its own zone
        Api.Response zone =
                admin.post("/api/v1/organizations/" + d.orgId() + "/preview", Map.of("timeZone", "Asia/Taipei"));
        assertThat(zone.status()).as(zone.toString()).isEqualTo(200);
        assertThat(zone.json().get("affectedTickets").asInt()).isZero();
        assertThat(snapshot(d)).as("previews change nothing").isEqualTo(before);

        Api.Response saved = admin.send(
                "PATCH",
                "/api/v1/organizations/" + d.orgId(),
                "application/json",
                json(Map.of("plan", quickPlan.get("name"))),
                Map.of());
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        recompute.runPending();
        assertThat(due(d, d.early(), "resolution")).isEqualTo(at(m, 0, 14));
        assertThat(due(d, d.late(), "resolution")).isEqualTo(at(m, 0, 16));
    }

    @Test
    void anOrganizationsOwnCalendarRetargetsItsBusinessDayClocks() {
        recompute.runPending();
        Instant m = advanceTo(DayOfWeek.MONDAY, LocalTime.of(10, 0), ZoneOffset.UTC);
        String calName = unique("short-week");
        Map<String, List<List<String>>> mornings = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"))
            mornings.put(day, List.of(List.of("09:00", "12:00")));
        Api.Response cal =
                admin.post("/api/v1/calendars", Map.of("name", calName, "timeZone", "UTC", "week", mornings));
        assertThat(cal.status()).as(cal.toString()).isEqualTo(201);
        // a policy on business-days: the organization's own calendar once it has one, else all day Mon–Fri
        Api.Response policy = admin.post(
                "/api/v1/policies", Map.of("name", unique("biz"), "targets", targets("PT4H", "PT8H", "business-days")));
        Api.Response plan = admin.post("/api/v1/plans", Map.of("name", unique("Biz"), "policyId", policy.get("id")));
        Api.Response org = admin.post(
                "/api/v1/organizations", Map.of("name", unique("org"), "plan", plan.get("id"), "timeZone", "UTC"));
        Api customer = customer(org.get("id"));
        String t = ticket(customer, "P2"); // Monday 10:00: first response 14:00, resolution 18:00 (all day)
        Api.Response r =
                admin.post("/api/v1/organizations/" + org.get("id") + "/preview", Map.of("calendarId", cal.get("id")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("affectedTickets").asInt()).isEqualTo(1);
        // on mornings only: 2 h Monday, 2 h Tuesday → Tuesday 11:00; 8 h → 2 + 3 + 3 → Wednesday 12:00
        assertThat(samples(r))
                .containsExactly(
                        t + " first_response " + at(m, 0, 14) + " → " + at(m, 1, 11),
                        t + " resolution " + at(m, 0, 18) + " → " + at(m, 2, 12));
    }

    @Test
    void badBodiesAreTheChangesOwnProblemsAndOnlyAdminsMayAsk() {
        Desk d = desk();
        Map<String, Object> before = snapshot(d);
        Api.Response zone = admin.post(
                "/api/v1/calendars/" + d.calendarId() + "/preview",
                Map.of("name", d.calendarName(), "timeZone", "Mars/Olympus", "week", WEEK));
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.contentType()).contains("application/problem+json");
        assertThat(zone.body()).contains("timeZone");
        Api.Response holiday = admin.post(
                "/api/v1/calendars/" + d.calendarId() + "/preview", Map.of("holidays", List.of("2026-13-40")));
        assertThat(holiday.status()).isEqualTo(400);
        assertThat(holiday.body()).contains("holidays[0]");
        Api.Response unknownField = admin.post(
                "/api/v1/calendars/" + d.calendarId() + "/preview", Map.of("holidays", List.of(), "colour", "red"));
        assertThat(unknownField.status()).isEqualTo(400);
        Api.Response target = admin.post(
                "/api/v1/policies/" + d.policyId() + "/preview",
                Map.of("targets", Map.of("P3", Map.of("resolution", Map.of("duration", "soon")))));
        assertThat(target.status()).isEqualTo(400);
        assertThat(target.body()).contains("targets.P3.resolution.duration");
        Api.Response policy =
                admin.post("/api/v1/plans/" + d.planId() + "/preview", Map.of("policyId", "no-such-policy"));
        assertThat(policy.status()).isEqualTo(400);
        assertThat(policy.body()).contains("policyId");
        Api.Response orgZone =
                admin.post("/api/v1/organizations/" + d.orgId() + "/preview", Map.of("timeZone", "GMT+8"));
        assertThat(orgZone.status()).isEqualTo(400);
        assertThat(orgZone.body()).contains("timeZone");
        Api.Response orgPlan = admin.post("/api/v1/organizations/" + d.orgId() + "/preview", Map.of("plan", "nope"));
        assertThat(orgPlan.status()).isEqualTo(400);
        assertThat(orgPlan.body()).contains("plan");

        String missing = "00000000-0000-0000-0000-00000000beef";
        for (String kind : List.of("calendars", "policies", "plans", "organizations")) {
            Map<String, Object> empty =
                    kind.equals("calendars") ? Map.of("name", unique("x"), "timeZone", "UTC", "week", WEEK) : Map.of();
            Api.Response r = admin.post("/api/v1/" + kind + "/" + missing + "/preview", empty);
            assertThat(r.status()).as(kind + " " + r).isEqualTo(404);
            String id = switch (kind) {
                case "calendars" -> d.calendarId();
                case "policies" -> d.policyId();
                case "plans" -> d.planId();
                default -> d.orgId();
            };
            assertThat(d.agent()
                            .post("/api/v1/" + kind + "/" + id + "/preview", empty)
                            .status())
                    .as("an agent previews no " + kind)
                    .isEqualTo(403);
            assertThat(d.customer()
                            .post("/api/v1/" + kind + "/" + id + "/preview", empty)
                            .status())
                    .as("a customer previews no " + kind)
                    .isEqualTo(403);
        }
        assertThat(snapshot(d)).as("refused previews change nothing either").isEqualTo(before);
    }
}
