package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Leftovers of the pages: the portal's channel, the all queue's status filter, the other
 * role's pages and unknown paths as pages, over-large forms, plurals, the pending label for
 * agents, and refusals in Chinese.
 */
class PageLeftoverTests extends DeskTest {
    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private String email(Api api) {
        return api.get("/api/v1/me").get("email");
    }

    private PageClient signedIn(Api api, String language) {
        PageClient c = new PageClient(port).language(language);
        c.signIn(email(api), "correct-horse-1");
        return c;
    }

    private String number(String ticketId) {
        return admin.get("/api/v1/tickets/" + ticketId).get("number");
    }

    @Test
    void aTicketMadeOnThePortalsFormArrivedByThePortal() {
        Api customer = customer(organization());
        PageClient c = signedIn(customer, "en");
        c.get("/portal/tickets/new");
        String subject = unique("Portal made");
        HttpResponse<String> created =
                c.post("/portal/tickets", Map.of("subject", subject, "description", "From the form", "severity", "P3"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(db.sql("select channel from tickets where subject = ?")
                        .param(subject)
                        .query(String.class)
                        .single())
                .isEqualTo("portal");
        // and the API still records the API
        String viaApi = ticket(customer, "P4");
        assertThat(admin.get("/api/v1/tickets/" + viaApi).get("channel")).isEqualTo("api");
    }

    @Test
    void theAllQueueSaysAnyStatusAndShowsSolvedTicketsWhileMineSaysWorking() {
        String org = organization();
        Api customer = customer(org);
        String solvedSubject = unique("Solved already");
        String solved = customer.post(
                        "/api/v1/tickets", Map.of("subject", solvedSubject, "description", "x", "severity", "P4"))
                .get("id");
        assertThat(customer.post("/api/v1/tickets/" + solved + "/status", Map.of("status", "solved"))
                        .status())
                .isEqualTo(200);
        PageClient a = signedIn(agent(), "en");
        String all = a.get("/console?queue=all&org=" + org).body();
        assertThat(all).contains("<option value=\"\">Any status</option>", solvedSubject);
        assertThat(all).doesNotContain("Working (not solved or closed)");
        // a working-only queue says so, and leaves the solved ticket out
        String unassigned = a.get("/console?queue=unassigned&org=" + org).body();
        assertThat(unassigned).contains("<option value=\"\">Working (not solved or closed)</option>");
        assertThat(unassigned).doesNotContain(solvedSubject);
        // the rows htmx swaps in follow the same rule
        assertThat(a.get("/console/rows?queue=all&org=" + org).body()).contains(solvedSubject);
    }

    @Test
    void theOtherRolesPagesAreA403PageInTheViewersLanguage() {
        Api customer = customer(organization());
        PageClient c = signedIn(customer, "zh-TW,zh;q=0.9");
        for (String path : new String[] {"/console", "/console/tickets/1", "/console/rows?queue=all"}) {
            HttpResponse<String> r = c.get(path, HTML);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(r.body()).as(path).contains("lang=\"zh-TW\"", "此頁面屬於服務台的另一端", "無法執行（403）");
        }
        PageClient a = signedIn(agent(), "en");
        HttpResponse<String> portal = a.get("/portal/tickets/new", HTML);
        assertThat(portal.statusCode()).isEqualTo(403);
        assertThat(portal.body()).contains("customers use the portal and agents the console", "Refused (403)");
    }

    @Test
    void unknownPathsAreA404PageForBrowsersAndProblemJsonForTheApi() {
        PageClient c = signedIn(customer(organization()), "en");
        HttpResponse<String> portal = c.get("/portal/nothing", HTML);
        assertThat(portal.statusCode()).isEqualTo(404);
        assertThat(portal.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(portal.body()).contains("Not found (404)", "<main");
        PageClient a = signedIn(agent(), "zh-TW");
        HttpResponse<String> console = a.get("/console/nothing/at/all", HTML);
        assertThat(console.statusCode()).isEqualTo(404);
        assertThat(console.body()).contains("找不到（404）");
        // outside the pages' paths, signed in or not
        HttpResponse<String> help = new PageClient(port).get("/help-x", HTML);
        assertThat(help.statusCode()).isEqualTo(404);
        assertThat(help.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(help.body()).contains("Not found (404)");
        // forwarded by the container past the pages' chain, it still carries the chain's headers
        for (String nowhere : new String[] {"/help-x", "/nonexistent"}) {
            HttpResponse<String> page = new PageClient(port).get(nowhere, HTML);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                    .as(nowhere)
                    .contains("script-src 'self'", "frame-ancestors 'none'");
            assertThat(page.headers().firstValue("X-Content-Type-Options"))
                    .as(nowhere)
                    .contains("nosniff");
        }
        // the API answers problem JSON, whatever the client asks for
        for (String accept : new String[] {HTML, "application/json"}) {
            Api.Response api = admin.send("GET", "/api/v1/nothing", null, null, Map.of("Accept", accept));
            assertThat(api.status()).as(accept).isEqualTo(404);
            assertThat(api.contentType()).as(accept).startsWith("application/problem+json");
        }
        // a client that asks for JSON on a page's path gets JSON, not a page
        HttpResponse<String> json = c.get("/portal/nothing", "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).doesNotContain("<html");
    }

    @Test
    void anOverLargeFormIsA413Page() {
        PageClient c = signedIn(customer(organization()), "en");
        c.get("/portal/tickets/new");
        String huge = "subject=Big&severity=P4&description=" + "x".repeat(1_100_000);
        HttpResponse<String> r = c.postForm("/portal/tickets", huge);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.body()).contains("too large", "Refused (413)");
        // the API's own answer stays problem JSON
        Api.Response api = admin.send(
                "POST",
                "/api/v1/tickets",
                "application/json",
                "{\"subject\":\"" + "x".repeat(1_100_000) + "\"}",
                Map.of());
        assertThat(api.status()).isEqualTo(413);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }

    @Test
    void targetsSayOneBusinessDayAndPendingReadsWaitingOnCustomerToAgents() {
        Api customer = customer(organization());
        String id = ticket(customer, "P2");
        Api agent = agent();
        assertThat(agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "pending"))
                        .status())
                .isEqualTo(200);
        String n = number(id);

        String console = signedIn(agent, "en").get("/console/tickets/" + n).body();
        // the Pro plan: P2 resolves in 1 business day, P3 in 2
        assertThat(console).contains("resolution 1 business day", "resolution 2 business days");
        assertThat(console).doesNotContain("day(s)", "1 business days");
        assertThat(console).contains("Waiting on customer").doesNotContain("Waiting for you");
        assertThat(signedIn(agent(), "zh-TW").get("/console/tickets/" + n).body())
                .contains("等待客戶回覆");
        // the customer is the one waited on
        String portal = signedIn(customer, "en").get("/portal/tickets/" + n).body();
        assertThat(portal).contains("Waiting for you").doesNotContain("Waiting on customer");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.MessageSource messages;

    @Test
    void countsInEnglishAreSingularForOneAndChineseHasNoPlural() {
        java.util.Locale en = java.util.Locale.ENGLISH;
        java.util.Locale zh = java.util.Locale.forLanguageTag("zh-TW");
        assertThat(messages.getMessage("login.throttled", new Object[] {1L}, en))
                .endsWith("try again in 1 second.");
        assertThat(messages.getMessage("login.throttled", new Object[] {30L}, en))
                .endsWith("try again in 30 seconds.");
        assertThat(messages.getMessage("target.businessDays", new Object[] {1}, en))
                .isEqualTo("1 business day");
        assertThat(messages.getMessage("target.businessDays", new Object[] {3}, en))
                .isEqualTo("3 business days");
        assertThat(messages.getMessage("target.businessDays", new Object[] {1}, zh))
                .isEqualTo("1 個工作天");
        assertThat(messages.getMessage("login.throttled", new Object[] {1L}, zh))
                .contains("1 秒");
    }

    @Test
    void aRefusalOnAChinesePageIsInChineseWithFullWidthPunctuation() {
        PageClient c = signedIn(customer(organization()), "zh-TW");
        c.get("/portal/tickets/new");
        HttpResponse<String> r =
                c.post("/portal/tickets", Map.of("subject", "長".repeat(251), "description", "x", "severity", "P9"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("主旨：長度為 251 個字元，上限為 250 個", "；", "嚴重程度：「P9」不是可用的值");
        assertThat(r.body()).doesNotContain("characters long", "is not one of");
    }
}
