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
        // another role's pages are a 403 page in the reader's language (see "Pages polish")
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("id=\"cal-form\"", "name=\"holidays\"");
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

    @Test
    void everyAdminSectionRendersAndPreviewsTheChangesThatMoveDueTimes() {
        String org = organization();
        String name = unique("hours");
        String cal = calendar(name);
        Api.Response policy = admin.get("/api/v1/policies/Pro");
        Api.Response plan = admin.get("/api/v1/plans/Pro");
        String agentId = userId(agent());
        PageClient c = signedInAdmin();
        for (String path : List.of(
                "/console/admin/organizations",
                "/console/admin/organizations/" + org,
                "/console/admin/users",
                "/console/admin/users/" + agentId,
                "/console/admin/groups",
                "/console/admin/policies",
                "/console/admin/policies/" + policy.get("id"),
                "/console/admin/plans/" + plan.get("id"),
                "/console/admin/calendars",
                "/console/admin/calendars/" + cal,
                "/console/admin/webhooks",
                "/console/admin/saved-replies",
                "/console/admin/audit")) {
            HttpResponse<String> r = c.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).contains("<main id=\"main\"", "aria-label=\"Admin sections\"");
            assertThat(c.language("zh-TW").get(path).body()).as(path).contains("管理項目");
            c.language("en");
        }
        assertThat(c.get("/console/admin").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/admin/organizations");

        // the organization's form previews: its own calendar moves nothing on Pro's 24x7 targets
        c.get("/console/admin/organizations/" + org);
        Map<String, String> o = new LinkedHashMap<>();
        o.put("name", admin.get("/api/v1/organizations/" + org).get("name"));
        o.put("plan", plan.get("id"));
        o.put("timeZone", "Asia/Taipei");
        o.put("calendarId", cal);
        o.put("tamUserId", "");
        o.put("backupTamUserId", "");
        HttpResponse<String> preview = c.post("/console/admin/organizations/" + org, o);
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("id=\"preview\"", "name=\"previewed\"");
        assertThat(admin.get("/api/v1/organizations/" + org).get("timeZone")).isNotEqualTo("Asia/Taipei");
        o.put("step", "save");
        o.put("previewed", value(preview.body(), "previewed"));
        assertThat(c.post("/console/admin/organizations/" + org, o).statusCode())
                .isEqualTo(302);
        assertThat(admin.get("/api/v1/organizations/" + org).get("timeZone")).isEqualTo("Asia/Taipei");
        // a bad zone is the form again with its message
        o.put("timeZone", "GMT+8");
        o.put("step", "preview");
        HttpResponse<String> bad = c.post("/console/admin/organizations/" + org, o);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"o-zone\"", "value=\"GMT+8\"", "role=\"alert\"");

        // the plan's and the policy's forms preview as they stand (nothing moves) and refuse bad input
        c.get("/console/admin/plans/" + plan.get("id"));
        HttpResponse<String> planPreview = c.post(
                "/console/admin/plans/" + plan.get("id"),
                Map.of("name", plan.get("name"), "policyId", policy.get("id"), "tam", "true"));
        assertThat(planPreview.statusCode()).isEqualTo(200);
        assertThat(planPreview.body()).contains("No open ticket would get a new due time.");
        c.get("/console/admin/policies/" + policy.get("id"));
        HttpResponse<String> policyPage = c.get("/console/admin/policies/" + policy.get("id"));
        Map<String, String> p = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "name=\"(P[1-4]\\.[a-zA-Z]+\\.(?:duration|businessDays))\" value=\"([^\"]*)\"")
                .matcher(policyPage.body());
        while (m.find()) p.put(m.group(1), m.group(2));
        assertThat(p).containsKey("P1.firstResponse.duration");
        p.put("name", policy.get("name"));
        p.put("P1.firstResponse.duration", "soon");
        HttpResponse<String> policyBad = c.post("/console/admin/policies/" + policy.get("id"), p);
        assertThat(policyBad.statusCode()).isEqualTo(400);
        assertThat(policyBad.body()).contains("targets.P1.firstResponse.duration", "value=\"soon\"");
    }

    @Test
    void aDeadWebhookDeliveryIsSentAgainFromItsLog() {
        Api.Response hook = admin.post(
                "/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("ticket.created")));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        String hookId = hook.get("id");
        ticket(customer(organization()), "P3");
        String delivery = db.sql("select id::text from outbox where destination = ? order by created_at desc limit 1")
                .param(hookId)
                .query(String.class)
                .single();
        // as if every attempt had failed (dead-lettering itself is the outbox's own test)
        db.sql("update outbox set status = 'dead', attempts = 8 where id = ?::uuid")
                .param(delivery)
                .update();
        PageClient c = signedInAdmin();
        HttpResponse<String> log = c.get("/console/admin/webhooks/" + hookId);
        assertThat(log.body()).contains("dead letter", "/deliveries/" + delivery + "/resend");
        HttpResponse<String> resent =
                c.post("/console/admin/webhooks/" + hookId + "/deliveries/" + delivery + "/resend", Map.of());
        assertThat(resent.statusCode()).isEqualTo(302);
        assertThat(c.follow(resent).body()).contains("queued to be sent again");
        assertThat(db.sql("select status || ' ' || attempts from outbox where id = ?::uuid")
                        .param(delivery)
                        .query(String.class)
                        .single())
                .isEqualTo("pending 0");
        // through the API: a delivery no longer dead is a 409, another webhook's a 404
        Api.Response again = admin.post("/api/v1/webhooks/" + hookId + "/deliveries/" + delivery + "/resend", Map.of());
        assertThat(again.status()).isEqualTo(409);
        Api.Response other = admin.post(
                "/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/other", "events", List.of("ticket.created")));
        assertThat(admin.post("/api/v1/webhooks/" + other.get("id") + "/deliveries/" + delivery + "/resend", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(agent().post("/api/v1/webhooks/" + hookId + "/deliveries/" + delivery + "/resend", Map.of())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void savedRepliesAreMadeEditedAndDeleted() {
        PageClient c = signedInAdmin();
        c.get("/console/admin/saved-replies");
        String title = unique("Thanks");
        assertThat(c.post(
                                "/console/admin/saved-replies",
                                Map.of("title", title, "body", "Thank you for waiting.", "language", "en"))
                        .statusCode())
                .isEqualTo(302);
        String id = db.sql("select id::text from saved_replies where title = ?")
                .param(title)
                .query(String.class)
                .single();
        assertThat(c.post(
                                "/console/admin/saved-replies",
                                Map.of("id", id, "title", title, "body", "感謝您的耐心等候。", "language", "zh-TW"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(db.sql("select language || ' ' || body from saved_replies where id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("zh-TW 感謝您的耐心等候。");
        HttpResponse<String> empty =
                c.post("/console/admin/saved-replies", Map.of("id", id, "title", "", "body", "x", "language", "en"));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("id=\"r-title\"", "role=\"alert\"");
        assertThat(c.post("/console/admin/saved-replies", Map.of("id", id, "action", "delete"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(db.sql("select count(*) from saved_replies where id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anAdminDeactivatesAUserAndTheAuditLogShowsIt() {
        Api agent = agent();
        String id = userId(agent);
        PageClient c = signedInAdmin();
        HttpResponse<String> page = c.get("/console/admin/users/" + id);
        assertThat(page.body()).contains("id=\"u-active\"", "escalation_manager");
        HttpResponse<String> r = c.post(
                "/console/admin/users/" + id,
                Map.of("name", "Deactivated agent", "role", "agent", "duties", "escalation_manager"));
        assertThat(r.statusCode()).isEqualTo(302);
        Api.Response me = admin.get("/api/v1/users/" + id);
        assertThat(me.json().get("active").asBoolean()).isFalse();
        assertThat(me.body()).contains("escalation_manager");
        assertThat(c.get("/console/admin/audit").body()).contains("Deactivated agent", "changed", "users " + id);
        // a role a staff member cannot take is the form again
        HttpResponse<String> bad = c.post("/console/admin/users/" + id, Map.of("name", "x", "role", "customer"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"u-role\"", "role=\"alert\"");
    }

    @Test
    void anIcsFileIsReadIntoTheHolidaysAndPreviewedNotSaved() {
        String name = unique("hours");
        String id = calendar(name);
        String ics = String.join(
                "\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//test//EN",
                "BEGIN:VEVENT",
                "UID:1@test",
                "DTSTAMP:20260101T000000Z",
                "DTSTART;VALUE=DATE:20311010",
                "DTEND;VALUE=DATE:20311011",
                "SUMMARY:National Day",
                "END:VEVENT",
                "END:VCALENDAR",
                "");
        PageClient c = signedInAdmin();
        c.get("/console/admin/calendars/" + id);
        HttpResponse<String> r =
                c.postFile("/console/admin/calendars/" + id + "/import", "ics", "holidays.ics", "text/calendar", ics);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("2031-10-10</textarea>", "id=\"preview\"", "Check the preview");
        assertThat(admin.get("/api/v1/calendars/" + id).body()).doesNotContain("2031-10-10");
        assertThat(version(id)).isZero();
        // without its token the upload is refused
        PageClient forged = signedInAdmin();
        forged.lastCsrf = null;
        assertThat(forged.postFile("/console/admin/calendars/" + id + "/import", "ics", "h.ics", "text/calendar", ics)
                        .statusCode())
                .isEqualTo(403);
        // a file that is not iCalendar is the form again with its message
        c.get("/console/admin/calendars/" + id);
        HttpResponse<String> bad =
                c.postFile("/console/admin/calendars/" + id + "/import", "ics", "x.ics", "text/calendar", "hello");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("role=\"alert\"", "id=\"c-ics\"");
    }

    @Test
    void groupsAreMadeRenamedAndDeleted() {
        String member = userId(agent());
        PageClient c = signedInAdmin();
        c.get("/console/admin/groups");
        String name = unique("Billing");
        assertThat(c.post("/console/admin/groups", Map.of("name", name, "members", member))
                        .statusCode())
                .isEqualTo(302);
        Api.Response g = admin.get("/api/v1/groups/" + name);
        assertThat(g.status()).isEqualTo(200);
        assertThat(g.body()).contains(member);
        String renamed = unique("Payments");
        assertThat(c.post("/console/admin/groups", Map.of("id", g.get("id"), "name", renamed))
                        .statusCode())
                .isEqualTo(302);
        assertThat(admin.get("/api/v1/groups/" + g.get("id")).get("name")).isEqualTo(renamed);
        HttpResponse<String> empty = c.post("/console/admin/groups", Map.of("name", ""));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("role=\"alert\"", "id=\"g-new\"");
        assertThat(c.post("/console/admin/groups", Map.of("id", g.get("id"), "action", "delete"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(admin.get("/api/v1/groups/" + g.get("id")).status()).isEqualTo(404);
    }

    /** The values a browser would send for the admin form's text inputs, textareas and selects. */
    private static Map<String, String> formValues(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        int start = html.lastIndexOf("<form", html.indexOf("data-admin-form"));
        String form = html.substring(start, html.indexOf("</form>", start));
        java.util.regex.Matcher in = java.util.regex.Pattern.compile(
                        "<input type=\"text\"[^>]*?name=\"([^\"]+)\"[^>]*?value=\"([^\"]*)\"|<input id=\"[^\"]*\" name=\"([^\"]+)\" type=\"text\"[^>]*?value=\"([^\"]*)\"")
                .matcher(form);
        while (in.find()) {
            if (in.group(1) != null) out.put(in.group(1), in.group(2));
            else out.put(in.group(3), in.group(4));
        }
        java.util.regex.Matcher ta = java.util.regex.Pattern.compile(
                        "<textarea[^>]*name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>")
                .matcher(form);
        while (ta.find()) out.put(ta.group(1), ta.group(2).replace("&lt;", "<").replace("&gt;", ">"));
        java.util.regex.Matcher sel = java.util.regex.Pattern.compile(
                        "<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", java.util.regex.Pattern.DOTALL)
                .matcher(form);
        while (sel.find()) {
            java.util.regex.Matcher opt = java.util.regex.Pattern.compile(
                            "<option value=\"([^\"]*)\" selected=\"selected\"")
                    .matcher(sel.group(2));
            if (opt.find()) out.put(sel.group(1), opt.group(1));
        }
        return out;
    }

    @Test
    void aPolicyTargetChangedOnItsPageIsPreviewedWithTheTicketsItMovesThenSaved() {
        recompute.runPending();
        Instant monday = advanceTo(DayOfWeek.MONDAY, LocalTime.of(10, 0), ZoneOffset.UTC);
        String name = unique("hours");
        calendar(name);
        Map<String, Object> fr = Map.of("duration", "PT4H", "calendar", name);
        Map<String, Object> res = Map.of("duration", "PT8H", "calendar", name);
        Map<String, Object> both = Map.of("firstResponse", fr, "resolution", res);
        Api.Response policy = admin.post(
                "/api/v1/policies",
                Map.of(
                        "name",
                        unique("p"),
                        "targets",
                        Map.of("P1", both, "P2", both, "P3", both, "P4", both),
                        "upgradeGrace",
                        "PT1H",
                        "escalation",
                        List.of(
                                Map.of("level", 1, "actions", List.of("raise_priority")),
                                Map.of("level", 2, "afterBreachShare", 0.5, "actions", List.of("notify_tam")))));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        String before = admin.get("/api/v1/policies/" + policy.get("id"))
                .json()
                .get("escalation")
                .toString();
        Api.Response plan = admin.post("/api/v1/plans", Map.of("name", unique("Plan"), "policyId", policy.get("id")));
        Api.Response org = admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", plan.get("id")));
        String ticket = ticket(customer(org.get("id")), "P3");

        PageClient c = signedInAdmin();
        HttpResponse<String> page = c.get("/console/admin/policies/" + policy.get("id"));
        Map<String, String> f = formValues(page.body());
        assertThat(f)
                .containsEntry("P3.resolution.duration", "PT8H")
                .containsEntry("P3.resolution.calendar", name)
                .containsEntry("upgradeGrace", "PT1H")
                .containsEntry("escalation", "PT0S: raise_priority\n50%: notify_tam");
        f.put("P3.resolution.duration", "PT12H");
        HttpResponse<String> preview = c.post("/console/admin/policies/" + policy.get("id"), f);
        assertThat(preview.statusCode()).isEqualTo(200);
        // 12 working hours from Monday 10:00 (09:00–17:00): Tuesday 14:00 instead of 10:00
        assertThat(preview.body())
                .contains(
                        "1 open ticket would get a new due time.",
                        "datetime=\"" + monday.plus(Duration.ofDays(1)) + "\"",
                        "datetime=\"" + monday.plus(Duration.ofDays(1)).plus(Duration.ofHours(4)) + "\"");
        f.put("step", "save");
        f.put("previewed", value(preview.body(), "previewed"));
        assertThat(c.post("/console/admin/policies/" + policy.get("id"), f).statusCode())
                .isEqualTo(302);
        Api.Response saved = admin.get("/api/v1/policies/" + policy.get("id"));
        assertThat(saved.json()
                        .get("targets")
                        .get("P3")
                        .get("resolution")
                        .get("duration")
                        .asString())
                .isEqualTo("PT12H");
        assertThat(saved.json().get("upgradeGrace").asString()).isEqualTo("PT1H");
        assertThat(saved.json().get("escalation").toString())
                .as("the ladder round-trips")
                .isEqualTo(before);
        recompute.runPending();
        assertThat(admin.get("/api/v1/tickets/" + ticket)
                        .json()
                        .get("sla")
                        .get("resolution")
                        .get("dueAt")
                        .asString())
                .isEqualTo(monday.plus(Duration.ofDays(1))
                        .plus(Duration.ofHours(4))
                        .toString());
    }

    private static String value(String html, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"")
                .matcher(html);
        assertThat(m.find()).as(name + " in the page").isTrue();
        return m.group(1);
    }

    @Test
    void theWidgetSettingsSaveFromTheOrganizationPageAndANewSecretIsShownOnce() {
        String org = organization();
        PageClient c = signedInAdmin();
        String page = "/console/admin/organizations/" + org;
        assertThat(c.get(page).body())
                .contains("id=\"widget-settings\"", "name=\"externalId\"", "No widget secret yet");
        String external = unique("acme").toLowerCase(java.util.Locale.ROOT);
        HttpResponse<String> saved = c.post(
                page + "/widget",
                Map.of(
                        "externalId",
                        external,
                        "widgetOrigins",
                        "https://app.example.com\r\n\r\nhttps://beta.example.com:8443"));
        assertThat(saved.statusCode()).isEqualTo(302);
        Api.Response o = admin.get("/api/v1/organizations/" + org);
        assertThat(o.get("externalId")).isEqualTo(external);
        assertThat(o.json().get("widgetOrigins").toString())
                .isEqualTo("[\"https://app.example.com\",\"https://beta.example.com:8443\"]");
        // a bad origin is the page again with its message, and nothing of it stored
        c.get(page);
        HttpResponse<String> bad =
                c.post(page + "/widget", Map.of("externalId", external, "widgetOrigins", "not an origin"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("role=\"alert\"", "widgetOrigins", "not an origin");
        assertThat(admin.get("/api/v1/organizations/" + org)
                        .json()
                        .get("widgetOrigins")
                        .size())
                .isEqualTo(2);
        // a new secret: on the page that answers, once; afterwards only "a secret is set"
        c.get(page);
        HttpResponse<String> secret = c.post(page + "/widget-secret", Map.of());
        assertThat(secret.statusCode()).isEqualTo(200);
        String shown = secret.body().replaceAll("(?s).*<code id=\"w-secret\">([^<]+)</code>.*", "$1");
        assertThat(shown).hasSizeGreaterThan(20).doesNotContain("<");
        String later = c.get(page).body();
        assertThat(later).contains("A widget secret is set.").doesNotContain(shown);
        // agents may not
        PageClient agent = new PageClient(port);
        agent.signIn(email(agent()), "correct-horse-1");
        agent.get("/console");
        assertThat(agent.post(page + "/widget-secret", Map.of()).statusCode()).isEqualTo(403);
    }
}
