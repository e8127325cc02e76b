package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pages over plain HTTP: sign-in and where it lands, sessions, CSRF, CSP, tenants. */
class PageSafetyTests extends DeskTest {

    private String email(Api api) {
        return api.get("/api/v1/me").get("email");
    }

    @Test
    void anonymousVisitorsAreSentToTheSignInPage() {
        PageClient browser = new PageClient(port);
        for (String path : new String[] {"/", "/portal", "/console", "/portal/tickets/1", "/console/tickets/1"}) {
            HttpResponse<String> r = browser.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow())
                    .as(path)
                    .endsWith("/login");
        }
        HttpResponse<String> login = browser.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"email\"", "name=\"password\"", "name=\"_csrf\"");
    }

    @Test
    void customersLandOnThePortalAndAgentsOnTheConsole() {
        String org = organization();
        Api customer = customer(org);
        Api agent = agent();
        PageClient c = new PageClient(port);
        HttpResponse<String> signedIn = c.signIn(email(customer), "correct-horse-1");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/portal");
        assertThat(c.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/portal");
        assertThat(c.get("/portal").statusCode()).isEqualTo(200);
        // a customer at the console is refused with a page that says where their own pages are
        HttpResponse<String> console = c.get("/console", "text/html");
        assertThat(console.statusCode()).isEqualTo(403);
        assertThat(console.body()).contains("customers use the portal", "href=\"/\"");

        PageClient a = new PageClient(port);
        HttpResponse<String> agentIn = a.signIn(email(agent), "correct-horse-1");
        assertThat(agentIn.headers().firstValue("Location").orElseThrow()).endsWith("/console");
        assertThat(a.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/console");
        assertThat(a.get("/console").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefusedAndCountedByTheThrottle() {
        Api customer = customer(organization());
        PageClient c = new PageClient(port);
        HttpResponse<String> r = c.signIn(email(customer), "not-the-password");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Unknown email or wrong password");
        Long failures = db.sql("select count(*) from sign_in_failures where email = ?")
                .param(email(customer).toLowerCase())
                .query(Long.class)
                .single();
        assertThat(failures).isEqualTo(1);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndPagesCarryAStrictPolicy() {
        Api customer = customer(organization());
        PageClient c = new PageClient(port);
        HttpResponse<String> r = c.signIn(email(customer), "correct-horse-1");
        String cookie = r.headers().allValues("Set-Cookie").stream()
                .filter(h -> h.startsWith("SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure"); // plain HTTP here
        HttpResponse<String> page = c.get("/portal");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline")
                .contains("frame-ancestors 'none'");
        assertThat(page.body())
                .doesNotContain("<script>")
                .doesNotContain(" style=\"")
                .doesNotContain("onclick");
        // sessions live in PostgreSQL, so any server serves any user
        assertThat(count("spring_session")).isPositive();
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        String org = organization();
        Api customer = customer(org);
        PageClient c = new PageClient(port);
        c.signIn(email(customer), "correct-horse-1");
        long before = count("tickets");
        HttpResponse<String> r = c.postRaw(
                "/portal/tickets", Map.of("subject", "forged", "description", "from another site", "severity", ""));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(count("tickets")).isEqualTo(before);
        // and signing in without it too
        PageClient fresh = new PageClient(port);
        fresh.get("/login");
        assertThat(fresh.postRaw("/login", Map.of("email", email(customer), "password", "correct-horse-1"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void anotherOrganizationsTicketIsANotFoundPage() {
        String ours = organization();
        String theirs = organization();
        Api us = customer(ours);
        Api them = customer(theirs);
        String theirTicket = ticket(them, "P2");
        long number = Long.parseLong(them.get("/api/v1/tickets/" + theirTicket).get("number"));
        PageClient c = new PageClient(port);
        c.signIn(email(us), "correct-horse-1");
        HttpResponse<String> r = c.get("/portal/tickets/" + number);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.body()).contains("Not found").doesNotContain("It broke");
        // acting on it is not found either, and changes nothing
        c.get("/portal");
        assertThat(c.post("/portal/tickets/" + number + "/reply", Map.of("body", "peek"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(c.get("/portal/tickets/999999999").statusCode()).isEqualTo(404);
        assertThat(c.get("/portal/tickets/abc").statusCode()).isEqualTo(404);
        assertThat(them.get("/api/v1/tickets/" + theirTicket + "/messages")
                        .json()
                        .get("items")
                        .size())
                .isZero();
        // their own is there
        PageClient t = new PageClient(port);
        t.signIn(email(them), "correct-horse-1");
        assertThat(t.get("/portal/tickets/" + number).body()).contains("It broke");
    }

    @Test
    void aDeactivatedUsersSessionEndsAtOnce() {
        Api customer = customer(organization());
        PageClient c = new PageClient(port);
        c.signIn(email(customer), "correct-horse-1");
        assertThat(c.get("/portal").statusCode()).isEqualTo(200);
        admin.send("PATCH", "/api/v1/users/" + userId(customer), "application/json", "{\"active\": false}", Map.of());
        HttpResponse<String> r = c.get("/portal");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void signingOutEndsTheSession() {
        Api customer = customer(organization());
        PageClient c = new PageClient(port);
        c.signIn(email(customer), "correct-horse-1");
        c.get("/portal");
        HttpResponse<String> out = c.post("/logout", Map.of());
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(c.get("/portal").statusCode()).isEqualTo(302);
    }

    @Test
    void theLanguageFollowsTheBrowserThenTheUsersChoice() {
        Api customer = customer(organization());
        PageClient c = new PageClient(port).language("zh-TW,zh;q=0.9,en;q=0.5");
        assertThat(c.get("/login").body()).contains("登入", "lang=\"zh-TW\"");
        c.signIn(email(customer), "correct-horse-1");
        assertThat(c.get("/portal").body()).contains("建立工單");
        c.post("/language", Map.of("lang", "en", "back", "/portal"));
        assertThat(c.get("/portal").body()).contains("New ticket");
        assertThat(customer.get("/api/v1/me").get("language")).isEqualTo("en");
        // remembered for the user: a new session in a Chinese browser still reads English
        PageClient again = new PageClient(port).language("zh-TW");
        again.signIn(email(customer), "correct-horse-1");
        assertThat(again.get("/portal").body()).contains("New ticket");
        // a back address elsewhere is not followed
        HttpResponse<String> r = again.post("/language", Map.of("lang", "zh-TW", "back", "//evil.example/"));
        assertThat(r.headers().firstValue("Location").orElseThrow()).doesNotContain("evil");
    }

    @Test
    void aLanguageStoredForTheUserWinsOverTheBrowser() {
        Api customer = customer(organization());
        customer.send(
                "PATCH", "/api/v1/users/" + userId(customer), "application/json", "{\"language\":\"zh-TW\"}", Map.of());
        PageClient c = new PageClient(port).language("en-US");
        c.signIn(email(customer), "correct-horse-1");
        assertThat(c.get("/portal").body()).contains("建立工單");
    }
}
