package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.platform.Cursor;
import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every list pages alike ({@code limit}, an opaque {@code cursor}, {@code {items, next}}); a forged cursor is a 400. */
class PagingTests extends DeskTest {
    private static final String FAR_FUTURE = "+300000-01-01T00:00:00Z";
    private static final String FAR_PAST = "-5000-01-01T00:00:00Z";
    private static final String NOW = "2026-03-04T02:00:00Z";

    private static void badCursor(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(fields(r, "errors", "field")).containsExactly("cursor");
        assertThat(r.get("detail")).contains("cursor");
    }

    private static String cursor(String... keys) {
        return Cursor.encode(List.of(keys));
    }

    @Test
    void messagesArePagedOldestFirstWithNextNullOnTheLastPage() {
        Api customer = customer(organization());
        Api agent = agent();
        String id = ticket(customer, "P3");
        for (int i = 1; i <= 5; i++) {
            Api who = i % 2 == 0 ? agent : customer;
            Map<String, Object> body = new java.util.HashMap<>(Map.of("body", "message " + i));
            if (who == agent) body.put("visibility", i == 4 ? "internal" : "public");
            assertThat(who.post("/api/v1/tickets/" + id + "/messages", body).status())
                    .isEqualTo(201);
        }

        assertThat(pages(agent, "/api/v1/tickets/" + id + "/messages", 2))
                .containsExactly(
                        List.of("message 1", "message 2"), List.of("message 3", "message 4"), List.of("message 5"));
        assertThat(pages(customer, "/api/v1/tickets/" + id + "/messages", 2))
                .as("internal notes are left out of customers' pages")
                .containsExactly(List.of("message 1", "message 2"), List.of("message 3", "message 5"));

        Api.Response all = agent.get("/api/v1/tickets/" + id + "/messages");
        assertThat(all.json().get("items").size()).isEqualTo(5);
        assertThat(all.json().has("next")).as("next is always present").isTrue();
        assertThat(all.json().get("next").isNull()).isTrue();
    }

    @Test
    void theTimelineIsPagedToo() {
        Api customer = customer(organization());
        Api agent = agent();
        String id = ticket(customer, "P3");
        agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "on it", "visibility", "public"));
        customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "thanks"));
        Api.Response whole = agent.get("/api/v1/tickets/" + id + "/timeline?limit=200");
        assertThat(whole.get("next")).isNull();
        List<String> all = fields(whole, "items", "type");
        assertThat(all.size()).isGreaterThan(3);
        List<String> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Api.Response r = agent.get(
                    "/api/v1/tickets/" + id + "/timeline?limit=2" + (next == null ? "" : "&cursor=" + encode(next)));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("items").size()).isLessThanOrEqualTo(2);
            paged.addAll(fields(r, "items", "type"));
            next = r.get("next");
            pages++;
        } while (next != null);
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo((all.size() + 1) / 2);
        badCursor(agent.get("/api/v1/tickets/" + id + "/timeline?cursor=" + encode(cursor("-1"))));
    }

    @Test
    void messagesTakeTheLimitsOfEveryList() {
        Api customer = customer(organization());
        String id = ticket(customer, "P3");
        for (String limit : List.of("0", "201", "-1")) {
            Api.Response r = customer.get("/api/v1/tickets/" + id + "/messages?limit=" + limit);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(fields(r, "errors", "field")).containsExactly("limit");
        }
        assertThat(customer.get("/api/v1/tickets/" + id + "/messages?limit=200").status())
                .isEqualTo(200);
        for (String c :
                List.of("not a cursor", cursor("0"), cursor("-5"), cursor("99999999999999999999"), cursor("1", "2"))) {
            badCursor(customer.get("/api/v1/tickets/" + id + "/messages?cursor=" + encode(c)));
        }
    }

    /** Walks a list page by page; returns each page's message bodies. */
    private static List<List<String>> pages(Api api, String path, int limit) {
        List<List<String>> pages = new ArrayList<>();
        String next = null;
        do {
            Api.Response r = api.get(path + "?limit=" + limit + (next == null ? "" : "&cursor=" + encode(next)));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            pages.add(fields(r, "items", "body"));
            next = r.get("next");
        } while (next != null);
        return pages;
    }

    @Test
    void aCursorWithAnInstantOutOfRangeIsA400NamingTheCursor() {
        Api customer = customer(organization());
        ticket(customer, "P3");
        Api agent = agent();
        String id = UUID.randomUUID().toString();
        for (String instant : List.of(FAR_FUTURE, FAR_PAST, "+10000-01-01T00:00:00Z", "1900-01-01T00:00:00Z")) {
            for (Api who : List.of(agent, customer)) {
                badCursor(who.get("/api/v1/tickets?cursor=" + encode(cursor("0", "", instant, id))));
                badCursor(who.get("/api/v1/tickets?sort=due&cursor=" + encode(cursor("0", "", instant, id))));
                badCursor(who.get("/api/v1/tickets?sort=due&cursor=" + encode(cursor("0", instant, NOW, id))));
            }
            badCursor(admin.get("/api/v1/users?cursor=" + encode(cursor(instant, id))));
            badCursor(admin.get("/api/v1/organizations?cursor=" + encode(cursor(instant, id))));
        }
    }

    @Test
    void aCursorWithAnIdOrANumberOutOfRangeIsA400NamingTheCursor() {
        Api agent = agent();
        String id = UUID.randomUUID().toString();
        for (String bad : List.of("1-1-1-1-1", "zzzz", "")) {
            badCursor(agent.get("/api/v1/tickets?cursor=" + encode(cursor("0", "", NOW, bad))));
            badCursor(admin.get("/api/v1/users?cursor=" + encode(cursor(NOW, bad))));
            badCursor(admin.get("/api/v1/organizations?cursor=" + encode(cursor(NOW, bad))));
        }
        for (String level : List.of("-1", "99999999999", "x")) {
            badCursor(agent.get("/api/v1/tickets?sort=due&cursor=" + encode(cursor(level, "", NOW, id))));
        }
        for (String list : List.of("groups", "plans", "calendars", "policies", "webhooks")) {
            for (String offset : List.of("-1", "99999999999", "100000", "x")) {
                badCursor(admin.get("/api/v1/" + list + "?cursor=" + encode(cursor(offset))));
            }
        }
        Api customer = customer(organization());
        String ticket = ticket(customer, "P3");
        badCursor(customer.get("/api/v1/tickets/" + ticket + "/reevaluations?cursor=" + encode(cursor("-1"))));
    }

    @Test
    void aCursorHandedOutStillWorks() {
        String org = organization();
        Api customer = customer(org);
        for (int i = 0; i < 3; i++) ticket(customer, "P3");
        Api agent = agent();
        for (String sort : List.of("created", "due")) {
            Api.Response first = agent.get("/api/v1/tickets?limit=2&sort=" + sort + "&organizationId=" + org);
            assertThat(first.get("next")).isNotNull();
            Api.Response second = agent.get("/api/v1/tickets?limit=2&sort=" + sort + "&organizationId=" + org
                    + "&cursor=" + encode(first.get("next")));
            assertThat(second.status()).as(second.toString()).isEqualTo(200);
            assertThat(second.json().get("items").size()).isEqualTo(1);
            assertThat(second.get("next")).isNull();
        }
        Api.Response users = admin.get("/api/v1/users?limit=1");
        assertThat(admin.get("/api/v1/users?limit=1&cursor=" + encode(users.get("next")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anInstantOutsideTheSupportedYearsIsA400NamingTheField() {
        for (String instant : List.of(FAR_FUTURE, FAR_PAST, "1970-06-01T00:00:00Z", "2200-01-01T00:00:00Z")) {
            Api.Response preview =
                    admin.post("/api/v1/sla/preview", Map.of("plan", "Pro", "severity", "P1", "start", instant));
            assertThat(preview.status()).as(preview.toString()).isEqualTo(400);
            assertThat(fields(preview, "errors", "field")).containsExactly("start");
            Api.Response imported = admin.post(
                    "/api/v1/tickets",
                    Map.of("subject", "s", "description", "d", "organizationId", organization(), "createdAt", instant));
            assertThat(imported.status()).as(imported.toString()).isEqualTo(400);
            assertThat(fields(imported, "errors", "field")).containsExactly("createdAt");
        }
    }

    @Test
    void thePreviewTruncatesItsStartToTheMillisecondLikeEveryInstant() {
        String policy = unique("elapsed");
        Map<String, Object> hour = Map.of("duration", "PT1H", "calendar", "24x7");
        assertThat(admin.post(
                                "/api/v1/policies",
                                Map.of(
                                        "name",
                                        policy,
                                        "targets",
                                        Map.of("P1", Map.of("firstResponse", hour, "resolution", hour))))
                        .status())
                .isEqualTo(201);
        Api.Response r = admin.post(
                "/api/v1/sla/preview",
                Map.of("policyId", policy, "severity", "P1", "start", "2026-03-06T15:00:00.123456789Z"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("firstResponse").get("dueAt").asString()).isEqualTo("2026-03-06T16:00:00.123Z");
        assertThat(r.json().get("resolution").get("dueAt").asString()).isEqualTo("2026-03-06T16:00:00.123Z");
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
