package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Account health on a prepared history, the TAM's accounts worst first, and the re-evaluation report. */
class HealthTests extends DeskTest {

    @Autowired
    io.sladesk.server.sla.TimerProbe timers;

    private String agentId(Api agent) {
        return userId(agent);
    }

    private String tamAccount(String tamId, boolean share) {
        Api.Response r = admin.post(
                "/api/v1/organizations",
                Map.of(
                        "name",
                        unique("acct"),
                        "plan",
                        "Pro + TAM",
                        "tamUserId",
                        tamId,
                        "timeZone",
                        "UTC",
                        "shareHealth",
                        share));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id");
    }

    private String reply(Api agent, String ticket) {
        Api.Response r =
                agent.post("/api/v1/tickets/" + ticket + "/messages", Map.of("body", "On it", "visibility", "public"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id");
    }

    private String imported(String org, String severity, Instant createdAt) {
        Api.Response r = admin.post(
                "/api/v1/tickets",
                Map.of(
                        "subject",
                        "Old",
                        "description",
                        "From the old desk",
                        "severity",
                        severity,
                        "organizationId",
                        org,
                        "requesterEmail",
                        unique("old") + "@example.com",
                        "createdAt",
                        createdAt.toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id");
    }

    @Test
    void healthCountsOpenTicketsRisksBreachesAttainmentAndMediansOfAPreparedHistory() {
        Api agent = agent();
        Api tam = agent();
        String org = tamAccount(agentId(tam), false);
        Api customer = customer(org);
        Instant t0 = clock.instant();

        String t1 = ticket(customer, "P1"); // replied after 10 min, solved after 2 h: both met
        String t2 = ticket(customer, "P2"); // replied after 30 min, stays open
        String t3 = imported(org, "P1", t0.minus(Duration.ofDays(2))); // both clocks breached on import
        clock.advance(Duration.ofMinutes(10));
        reply(agent, t1);
        clock.advance(Duration.ofMinutes(20));
        reply(agent, t2);
        clock.advance(Duration.ofMinutes(10));
        reply(agent, t3); // first response stops breached, 2 days 40 minutes after its start
        clock.set(t0.plus(Duration.ofHours(2)));
        assertThat(agent.post("/api/v1/tickets/" + t1 + "/status", Map.of("status", "solved"))
                        .status())
                .isEqualTo(200);
        String t4 = ticket(customer, "P3"); // 4 h first response: at risk once 75 % is used
        clock.advance(Duration.ofHours(3).plusMinutes(1));
        timers.runUntilIdle();
        assertThat(customer.post(
                                "/api/v1/tickets/" + t2 + "/reevaluations",
                                Map.of("requestedSeverity", "P1", "reason", "worse than we thought"))
                        .status())
                .isEqualTo(201);

        Api.Response r = agent.get("/api/v1/organizations/" + org + "/health");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode h = r.json();
        assertThat(h.get("openBySeverity").get("P1").asLong()).isEqualTo(1); // t3
        assertThat(h.get("openBySeverity").get("P2").asLong()).isEqualTo(1); // t2
        assertThat(h.get("openBySeverity").get("P3").asLong()).isEqualTo(1); // t4
        assertThat(h.get("openBySeverity").get("P4").asLong()).isZero();
        assertThat(h.get("atRisk").asLong())
                .as("t4's first response, past 75 %")
                .isEqualTo(1);
        assertThat(h.get("breached30d").asLong()).as("t3's two clocks").isEqualTo(2);
        // stopped: t1 first response and resolution, t2 first response (met), t3 first response (breached)
        assertThat(h.get("attainment30d").asDouble()).isEqualTo(0.75);
        assertThat(h.get("openReevaluations").asLong()).isEqualTo(1);
        assertThat(h.get("oldestOpenAt").asString())
                .isEqualTo(t0.minus(Duration.ofDays(2)).toString());
        assertThat(h.get("medianFirstResponse30d").asString())
                .as("of 10 min, 30 min, 2 d 40 min")
                .isEqualTo("PT30M");
        assertThat(h.get("medianResolution30d").asString()).isEqualTo("PT2H");

        // the organization's customers see it only when an admin shares it; other organizations never
        assertThat(customer.get("/api/v1/organizations/" + org + "/health").status())
                .isEqualTo(403);
        admin.send("PATCH", "/api/v1/organizations/" + org, "application/json", "{\"shareHealth\":true}", Map.of());
        assertThat(customer.get("/api/v1/organizations/" + org + "/health").status())
                .isEqualTo(200);
        Api stranger = customer(organization());
        assertThat(stranger.get("/api/v1/organizations/" + org + "/health").status())
                .isEqualTo(404);

        // thirty days on, the breaches and stops have left the window
        clock.advance(Duration.ofDays(31));
        JsonNode later = anonymous
                .signIn(ADMIN_EMAIL, ADMIN_PASSWORD)
                .get("/api/v1/organizations/" + org + "/health")
                .json();
        assertThat(later.get("breached30d").asLong()).isZero();
        assertThat(later.get("attainment30d").isNull()).isTrue();
        assertThat(later.get("medianFirstResponse30d").isNull()).isTrue();
    }

    @Test
    void aTamSeesTheirAccountsWorstFirst() {
        Api tam = agent();
        String tamId = agentId(tam);
        String calm = tamAccount(tamId, false);
        String troubled = tamAccount(tamId, false);
        Api backupOnly = agent();
        String backed = admin.post(
                        "/api/v1/organizations",
                        Map.of(
                                "name",
                                unique("acct"),
                                "plan",
                                "Pro + TAM",
                                "tamUserId",
                                agentId(backupOnly),
                                "backupTamUserId",
                                tamId))
                .get("id");
        imported(troubled, "P1", clock.instant().minus(Duration.ofDays(1)));
        ticket(customer(calm), "P4");

        Api.Response r = tam.get("/api/v1/me/accounts");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(fields(r, "items", "organizationId")).hasSize(3);
        assertThat(fields(r, "items", "organizationId").get(0))
                .as("open P1 and breaches first")
                .isEqualTo(troubled);
        assertThat(r.json().get("items").values().stream()
                        .filter(n -> n.get("organizationId").asString().equals(backed))
                        .findFirst()
                        .orElseThrow()
                        .get("role")
                        .asString())
                .isEqualTo("backup");
        assertThat(customer(calm).get("/api/v1/me/accounts").status()).isEqualTo(403);
    }

    @Test
    void theReevaluationReportListsOutcomesSeveritiesAndResponseTimesWithTotals() {
        Api agent = agent();
        String org = organization();
        Api customer = customer(org);
        Instant from = clock.instant();
        String a = ticket(customer, "P4");
        String b = ticket(customer, "P3");
        String c = ticket(customer, "P3");
        String ra = customer.post(
                        "/api/v1/tickets/" + a + "/reevaluations",
                        Map.of("requestedSeverity", "P2", "reason", "many users"))
                .get("id");
        clock.advance(Duration.ofMinutes(1));
        String rb = customer.post(
                        "/api/v1/tickets/" + b + "/reevaluations", Map.of("requestedSeverity", "P1", "reason", "down"))
                .get("id");
        clock.advance(Duration.ofMinutes(1));
        customer.post("/api/v1/tickets/" + c + "/reevaluations", Map.of("requestedSeverity", "P2", "reason", "hm"));
        clock.advance(Duration.ofMinutes(18)); // a: asked 20 minutes ago
        agent.post(
                "/api/v1/tickets/" + a + "/reevaluations/" + ra + "/decision",
                Map.of("accept", true, "reason", "agreed"));
        clock.advance(Duration.ofMinutes(41)); // b: asked an hour ago
        assertThat(agent.post(
                                "/api/v1/tickets/" + b + "/reevaluations/" + rb + "/decision",
                                Map.of("accept", false, "reason", "one user only"))
                        .status())
                .isEqualTo(200);
        Instant to = clock.instant().plusSeconds(1);

        Api.Response r =
                agent.get("/api/v1/reports/reevaluations?organizationId=" + org + "&from=" + from + "&to=" + to);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode items = r.json().get("items");
        assertThat(items.size()).isEqualTo(3);
        JsonNode first = items.get(0);
        assertThat(first.get("status").asString()).as(items.toString()).isEqualTo("accepted");
        assertThat(first.get("fromSeverity").asString()).isEqualTo("P4");
        assertThat(first.get("resultingSeverity").asString()).isEqualTo("P2");
        assertThat(first.get("responseTime").asString()).isEqualTo("PT20M");
        assertThat(items.get(1).get("resultingSeverity").asString()).isEqualTo("P3");
        assertThat(items.get(1).get("responseTime").asString()).isEqualTo("PT1H");
        assertThat(items.get(2).get("status").asString()).isEqualTo("open");
        assertThat(items.get(2).get("resultingSeverity").isNull()).isTrue();
        assertThat(items.get(2).get("responseTime").isNull()).isTrue();
        JsonNode totals = r.json().get("totals");
        assertThat(totals.get("requests").asLong()).isEqualTo(3);
        assertThat(totals.get("accepted").asLong()).isEqualTo(1);
        assertThat(totals.get("declined").asLong()).isEqualTo(1);
        assertThat(totals.get("open").asLong()).isEqualTo(1);
        assertThat(totals.get("acceptanceRate").asDouble()).isEqualTo(0.5);
        assertThat(totals.get("medianResponseTime").asString()).isEqualTo("PT40M");

        // paging keeps the totals of the whole period
        Api.Response page = agent.get(
                "/api/v1/reports/reevaluations?organizationId=" + org + "&from=" + from + "&to=" + to + "&limit=2");
        assertThat(page.json().get("items").size()).isEqualTo(2);
        assertThat(page.json().get("totals").get("requests").asLong()).isEqualTo(3);
        Api.Response rest = agent.get("/api/v1/reports/reevaluations?organizationId=" + org + "&from=" + from + "&to="
                + to + "&limit=2&cursor=" + page.get("next"));
        assertThat(rest.json().get("items").size()).isEqualTo(1);

        // customers: their own organization only; bad bounds are 400s naming the parameter
        assertThat(customer.get("/api/v1/reports/reevaluations?from=" + from + "&to=" + to)
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(3);
        assertThat(customer(organization())
                        .get("/api/v1/reports/reevaluations?organizationId=" + org)
                        .status())
                .isEqualTo(404);
        Api.Response bad = agent.get("/api/v1/reports/reevaluations?from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("from").contains("date");
        Api.Response future = agent.get("/api/v1/reports/reevaluations?from=2199-01-01");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("from");
        assertThat(agent.get("/api/v1/reports/reevaluations?from=" + to + "&to=" + from)
                        .status())
                .isEqualTo(400);
    }
}
