package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The admin pages over plain HTTP, as a browser without JavaScript: who may, CSRF, bad input, preview then save. */
class AdminPageTests extends DeskTest {
    @Autowired
    io.sladesk.server.sla.RecomputeProbe recompute;

    private static String email(Api api) {
        return api.get("/api/v1/me").get("email");
    }

    private String calendar(String name) {
        Map<String, List<List<String>>> week = new LinkedHashMap<>();
        for (String d : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"))
            week.put(d, List.of(List.of("09:00", "17:00")));
        Api.Response cal = admin.post("/api/v1/calendars", Map.of("name", name, "timeZone", "UTC", "week", week));
        assertThat(cal.status()).as(cal.toString()).isEqualTo(201);
        return cal.get("id");
    }

    private static Map<String, String> form(String name, String zone, String holidays) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("timeZone", zone);
        for (String d : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) f.put(d, "09:00-17:00");
        f.put("saturday", "");
        f.put("sunday", "");
        f.put("holidays", holidays);
        return f;
    }

    private PageClient signedInAdmin() {
        PageClient c = new PageClient(port);
        c.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        return c;
    }

    private long version(String calendarId) {
        return db.sql("select version from calendars where id = ?::uuid")
                .param(calendarId)
                .query(Long.class)
                .single();
    }

    @Test
    void onlyAdminsSeeTheAdminPages() {
        String id = calendar(unique("hours"));
        PageClient agent = new PageClient(port);
        agent.signIn(email(agent()), "correct-horse-1");
        HttpResponse<String> page = agent.get("/console/admin/calendars/" + id);
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Refused");
        assertThat(agent.get("/console/admin").statusCode()).isEqualTo(403);
        assertThat(agent.get("/console/admin/calendars").statusCode()).isEqualTo(403);
        // an agent's form post (with a valid token) changes nothing
        agent.get("/console");
        long before = version(id);
        HttpResponse<String> post = agent.post("/console/admin/calendars/" + id, form("x", "UTC", "2030-01-01"));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(version(id)).isEqualTo(before);
        // the console's menu offers the admin area to admins only
        assertThat(agent.get("/console").body()).doesNotContain("/console/admin");
        assertThat(signedInAdmin().get("/console").body()).contains("/console/admin");

        PageClient customer = new PageClient(port);
        customer.signIn(email(customer(organization())), "correct-horse-1");
        HttpResponse<String> refused = customer.get("/console/admin/calendars/" + id);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).doesNotContain("/console");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        String name = unique("hours");
        String id = calendar(name);
        PageClient c = signedInAdmin();
        c.get("/console/admin/calendars/" + id);
        long before = version(id);
        Map<String, String> f = form(name, "UTC", "2030-01-01");
        f.put("step", "save");
        assertThat(c.postRaw("/console/admin/calendars/" + id, f).statusCode()).isEqualTo(403);
        assertThat(version(id)).isEqualTo(before);
    }

    @Test
    void badInputIsA400WithTheFormAndItsMessage() {
        String name = unique("hours");
        String id = calendar(name);
        PageClient c = signedInAdmin().language("zh-TW");
        c.get("/console/admin/calendars/" + id);
        long audits = count("audit_log");
        HttpResponse<String> r = c.post("/console/admin/calendars/" + id, form(name, "Mars/Olympus", "2030-02-30"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("<form", "id=\"c-zone\"", "value=\"Mars/Olympus\"", "role=\"alert\"", "時區", "holidays[0]");
        assertThat(r.body()).doesNotContain("id=\"preview\"");
        // a weekday's hours the calendar module refuses name that day
        HttpResponse<String> hours =
                c.post("/console/admin/calendars/" + id, withDay(form(name, "UTC", ""), "18:00-09:00"));
        assertThat(hours.statusCode()).isEqualTo(400);
        assertThat(hours.body()).contains("week.MONDAY", "value=\"18:00-09:00\"");
        // a new calendar's form too
        c.get("/console/admin/calendars");
        HttpResponse<String> created = c.post("/console/admin/calendars", form("", "UTC", ""));
        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(created.body()).contains("id=\"n-name\"", "role=\"alert\"");
        assertThat(count("audit_log")).isEqualTo(audits);
    }

    private static Map<String, String> withDay(Map<String, String> f, String monday) {
        f.put("monday", monday);
        return f;
    }

    @Test
    void aChangeIsPreviewedThenSavedOnlyAsPreviewedAndAudited() {
        recompute.runPending();
        Instant monday = advanceTo(DayOfWeek.MONDAY, LocalTime.of(10, 0), ZoneOffset.UTC);
        String name = unique("hours");
        String id = calendar(name);
        Map<String, Object> hours = Map.of("duration", "PT8H", "calendar", name);
        Map<String, Object> both = Map.of("firstResponse", hours, "resolution", hours);
        Api.Response policy = admin.post(
                "/api/v1/policies",
                Map.of("name", unique("p"), "targets", Map.of("P1", both, "P2", both, "P3", both, "P4", both)));
        Api.Response plan = admin.post("/api/v1/plans", Map.of("name", unique("Plan"), "policyId", policy.get("id")));
        Api.Response org = admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", plan.get("id")));
        String ticket = ticket(customer(org.get("id")), "P3");
        long number =
                admin.get("/api/v1/tickets/" + ticket).json().get("number").asLong();
        String tuesday = monday.plus(Duration.ofDays(1))
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .toString();

        PageClient c = signedInAdmin();
        c.get("/console/admin/calendars/" + id);
        long audits = count("audit_log");
        Map<String, String> f = form(name, "UTC", tuesday);
        HttpResponse<String> preview = c.post("/console/admin/calendars/" + id, f);
        assertThat(preview.statusCode()).isEqualTo(200);
        // both clocks (8 working hours from Monday 10:00: Tuesday 10:00) move to Wednesday 10:00
        assertThat(preview.body())
                .contains(
                        "1 open ticket would get a new due time.",
                        "/console/tickets/" + number,
                        "datetime=\"" + monday.plus(Duration.ofDays(1)) + "\"",
                        "datetime=\"" + monday.plus(Duration.ofDays(2)) + "\"",
                        "name=\"previewed\"");
        assertThat(version(id)).as("a preview saves nothing").isZero();
        String previewed = value(preview.body(), "previewed");

        // saving other values than previewed shows the new preview instead of saving
        Map<String, String> other = form(
                name,
                "UTC",
                tuesday + "\n"
                        + monday.plus(Duration.ofDays(2)).atZone(ZoneOffset.UTC).toLocalDate());
        other.put("step", "save");
        other.put("previewed", previewed);
        HttpResponse<String> stale = c.post("/console/admin/calendars/" + id, other);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("The form changed since the preview");
        assertThat(version(id)).isZero();
        assertThat(count("audit_log")).isEqualTo(audits);

        f.put("step", "save");
        f.put("previewed", previewed);
        HttpResponse<String> saved = c.post("/console/admin/calendars/" + id, f);
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(c.follow(saved).body()).contains("Saved.");
        assertThat(version(id)).isEqualTo(1L);
        assertThat(admin.get("/api/v1/calendars/" + id).body()).contains(tuesday);
        assertThat(db.sql("select action || ' ' || subject_type from audit_log where subject_id = ? order by seq desc"
                                + " limit 1")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("changed calendars");
        recompute.runPending();
        assertThat(admin.get("/api/v1/tickets/" + ticket)
                        .json()
                        .get("sla")
                        .get("resolution")
                        .get("dueAt")
                        .asString())
                .isEqualTo(monday.plus(Duration.ofDays(2)).toString());
    }

    private static String value(String html, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"")
                .matcher(html);
        assertThat(m.find()).as(name + " in the page").isTrue();
        return m.group(1);
    }
}
