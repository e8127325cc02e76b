package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.platform.Cursor;
import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.util.List;
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

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
