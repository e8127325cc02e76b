package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The main journeys over plain HTTP (the browser tests walk them with JavaScript on). */
class PageJourneyTests extends DeskTest {

    private String email(Api api) {
        return api.get("/api/v1/me").get("email");
    }

    private static long number(HttpResponse<String> created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void aCustomerRaisesATicketAndAnAgentWorksItToSolved() {
        String org = organization();
        admin.send(
                "PATCH",
                "/api/v1/organizations/" + org,
                "application/json",
                "{\"timeZone\": \"Asia/Taipei\"}",
                Map.of());
        Api customer = customer(org);
        Api agent = agent();
        PageClient c = new PageClient(port);
        c.signIn(email(customer), "correct-horse-1");

        HttpResponse<String> form = c.get("/portal/tickets/new");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body())
                .contains("name=\"subject\"", "name=\"description\"", "name=\"severity\"", "id=\"kb-suggestions\"")
                .contains("service down or unavailable") // the seed's examples
                .contains("(Asia/Taipei)");
        HttpResponse<String> advice = c.post(
                "/portal/tickets/new/suggest", Map.of("subject", "Export", "description", "How do I", "severity", ""));
        assertThat(advice.body()).contains("Suggested from your words", "P4 Low", "we promise");

        String subject = unique("Checkout down");
        HttpResponse<String> created = c.post(
                "/portal/tickets",
                Map.of(
                        "subject",
                        subject,
                        "description",
                        "Nobody can pay",
                        "severity",
                        "P2",
                        "requestKey",
                        unique("k")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        long n = number(created);
        HttpResponse<String> page = c.get("/portal/tickets/" + n);
        assertThat(page.body()).contains(subject, "P2 High", "First response by", "(Asia/Taipei)", "data-due=");
        assertThat(c.get("/portal").body()).contains(subject);

        c.post("/portal/tickets/" + n + "/reevaluations", Map.of("requestedSeverity", "P1", "reason", "All stores"));
        page = c.get("/portal/tickets/" + n);
        assertThat(page.body()).contains("waiting for an agent", "All stores");

        PageClient a = new PageClient(port);
        a.signIn(email(agent), "correct-horse-1");
        assertThat(a.get("/console?queue=unassigned").body()).contains(subject);
        assertThat(a.get("/console?queue=reevaluations").body()).contains(subject);
        assertThat(a.get("/console?queue=all&q=" + subject.substring(subject.length() - 8))
                        .body())
                .contains(subject);
        assertThat(a.get("/console?queue=all&q=" + n).body()).contains(subject);
        HttpResponse<String> ticket = a.get("/console/tickets/" + n);
        assertThat(ticket.body()).contains(subject, "What each choice does", "If accepted (P1)");
        a.post("/console/tickets/" + n + "/assign", Map.of("assignee", "me"));
        a.get("/console/tickets/" + n);
        String group = admin.post("/api/v1/groups", Map.of("name", unique("Tier"), "memberIds", java.util.List.of()))
                .get("id");
        a.post("/console/tickets/" + n + "/assign", Map.of("assignee", "", "group", group));
        String assigned = customer.get("/api/v1/tickets?limit=200").json().get("items").values().stream()
                .filter(i -> i.get("number").asLong() == n)
                .map(i -> i.get("id").asString())
                .findFirst()
                .orElseThrow();
        assertThat(agent.get("/api/v1/tickets/" + assigned).get("groupId"))
                .as("only the group changes when the assignee is kept")
                .isEqualTo(group);
        assertThat(agent.get("/api/v1/tickets/" + assigned).get("assigneeId")).isNotNull();
        assertThat(a.get("/console?queue=mine").body()).contains(subject);
        a.get("/console/tickets/" + n);
        a.post("/console/tickets/" + n + "/reply", Map.of("body", "Looking now", "visibility", "public"));
        a.get("/console/tickets/" + n);
        a.post("/console/tickets/" + n + "/reply", Map.of("body", "Secret note", "visibility", "internal"));
        HttpResponse<String> after = a.get("/console/tickets/" + n);
        assertThat(after.body()).contains("Looking now", "Secret note", "Internal note");
        String rid = customer.get("/api/v1/tickets?limit=200").json().get("items").values().stream()
                .filter(i -> i.get("number").asLong() == n)
                .map(i -> i.get("id").asString())
                .findFirst()
                .orElseThrow();
        String request = customer.get("/api/v1/tickets/" + rid + "/reevaluations")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        a.post(
                "/console/tickets/" + n + "/reevaluations/" + request + "/decision",
                Map.of("accept", "true", "reason", "Confirmed: all stores"));
        a.get("/console/tickets/" + n);
        a.post("/console/tickets/" + n + "/status", Map.of("status", "solved"));
        assertThat(customer.get("/api/v1/tickets/" + rid).get("status")).isEqualTo("solved");
        assertThat(customer.get("/api/v1/tickets/" + rid).get("severity")).isEqualTo("P1");

        // the customer sees the public reply and the decision, never the note
        HttpResponse<String> theirs = c.get("/portal/tickets/" + n);
        assertThat(theirs.body()).contains("Looking now", "accepted", "Confirmed: all stores", "Solved");
        assertThat(theirs.body()).doesNotContain("Secret note");
    }

    @Test
    void userTextIsEscapedEverywhere() {
        Api customer = customer(organization());
        PageClient c = new PageClient(port);
        c.signIn(email(customer), "correct-horse-1");
        c.get("/portal/tickets/new");
        HttpResponse<String> created = c.post(
                "/portal/tickets",
                Map.of("subject", "<script>alert(1)</script>", "description", "<img src=x onerror=alert(2)>"));
        long n = number(created);
        String page = c.get("/portal/tickets/" + n).body();
        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(2)&gt;");
        assertThat(c.get("/portal").body()).doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void aBadFormIsShownAgainWithItsProblemsInTheViewersLanguage() {
        Api customer = customer(organization());
        PageClient c = new PageClient(port).language("zh-TW");
        c.signIn(email(customer), "correct-horse-1");
        c.get("/portal/tickets/new");
        HttpResponse<String> r =
                c.post("/portal/tickets", Map.of("subject", "", "description", "text kept", "severity", "P3"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("主旨：為必填", "text kept");
        HttpResponse<String> unknown =
                c.post("/portal/tickets", Map.of("subject", "s", "description", "d", "severity", "P7"));
        assertThat(unknown.statusCode())
                .as("a severity none of P1..P4 is a problem, not a failure")
                .isEqualTo(400);
        assertThat(unknown.body()).contains("P7");
    }

    @Test
    void theChinesePagesRender() {
        String org = organization();
        Api customer = customer(org);
        Api agent = agent();
        ticket(customer, "P1");
        PageClient c = new PageClient(port).language("zh-Hant-TW,zh;q=0.8");
        c.signIn(email(customer), "correct-horse-1");
        assertThat(c.get("/portal").body()).contains("的工單", "P1 緊急", "首次回應期限");
        assertThat(c.get("/portal/tickets/new").body()).contains("請幫我判斷", "服務中斷或無法使用");
        PageClient a = new PageClient(port).language("zh");
        a.signIn(email(agent), "correct-horse-1");
        assertThat(a.get("/console?queue=all").body()).contains("全部", "嚴重程度");
    }

    @Test
    void bothSidesSeeWhyASeverityWasSuggestedAndAgentsSeeFollowersAndTheAccountsHealth() {
        Api.Response tam = admin.post(
                "/api/v1/users",
                Map.of(
                        "email", unique("tam") + "@example.com",
                        "name", "Tamsin Account",
                        "role", "agent",
                        "password", "correct-horse-1"));
        String org = admin.post(
                        "/api/v1/organizations",
                        Map.of("name", unique("acct"), "plan", "Pro + TAM", "tamUserId", tam.get("id")))
                .get("id");
        Api customer = customer(org);
        PageClient c = new PageClient(port);
        c.signIn(email(customer), "correct-horse-1");
        c.get("/portal/tickets/new");
        long n = number(c.post(
                "/portal/tickets",
                Map.of(
                        "subject", "Service is down",
                        "description", "Nobody can log in, there is no workaround",
                        "severity", "",
                        "requestKey", unique("k"))));
        String theirs = c.get("/portal/tickets/" + n).body();
        assertThat(theirs).contains("Why this severity", "Suggested from the ticket’s words", "P1 Urgent", "→ P1:");

        Api agent = agent();
        PageClient a = new PageClient(port);
        a.signIn(email(agent), "correct-horse-1");
        String page = a.get("/console/tickets/" + n).body();
        assertThat(page).contains("Why this severity", "→ P1:");
        assertThat(page).contains("Followers", "Tamsin Account", "the account’s TAM", "Follow this ticket");
        assertThat(page).contains("Clocks at risk", "Promises kept (30 days)", "P1 1");
        a.post("/console/tickets/" + n + "/followers", Map.of());
        String after = a.get("/console/tickets/" + n).body();
        assertThat(after).contains("Test agent").doesNotContain("Follow this ticket");
        String id = agent.get("/api/v1/tickets?organizationId=" + org)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        assertThat(agent.get("/api/v1/tickets/" + id).json().get("followers").size())
                .isEqualTo(2);
    }
}
