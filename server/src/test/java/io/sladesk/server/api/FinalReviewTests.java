package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What a black-box review of the release found, each held by a test. */
class FinalReviewTests extends DeskTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theLastAdminCannotBeDemotedOrDeactivated() {
        // the bootstrap admin may share the desk with admins other tests made: demote those first
        for (var u : admin.get("/api/v1/users?limit=200").json().get("items").values()) {
            if (u.get("role").asString().equals("admin")
                    && !u.get("email").asString().equals(ADMIN_EMAIL)) {
                admin.send(
                        "PATCH",
                        "/api/v1/users/" + u.get("id").asString(),
                        "application/json",
                        "{\"active\": false}",
                        Map.of());
            }
        }
        String me = userId(admin);
        Api.Response demote = admin.send(
                "PATCH",
                "/api/v1/users/" + me,
                "application/json",
                JSON.writeValueAsString(Map.of("role", "agent")),
                Map.of());
        assertThat(demote.status()).as(demote.toString()).isEqualTo(400);
        assertThat(demote.body()).contains("last active admin");
        assertThat(admin.get("/api/v1/me").get("role")).isEqualTo("admin");
    }

    @Test
    void bodiesAreJsonOnly() {
        Api customer = customer(organization());
        Api.Response yaml = customer.send(
                "POST", "/api/v1/tickets", "application/yaml", "subject: 123\ndescription: x\n", Map.of());
        assertThat(yaml.status()).isEqualTo(415);
        assertThat(yaml.contentType()).startsWith("application/problem+json");
        Api.Response multipart = anonymous.send("POST", "/api/v1/auth/token", "multipart/form-data", "x", Map.of());
        assertThat(multipart.status()).as(multipart.toString()).isEqualTo(415);
        assertThat(multipart.contentType()).startsWith("application/problem+json");
    }

    @Test
    void forgedOffsetsAndOtherOrganizationsAreRefused() {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString("-1".getBytes());
        assertThat(admin.get("/api/v1/audit?cursor=" + cursor).status()).isEqualTo(400);
        Api customer = customer(organization());
        Api.Response other = customer.get("/api/v1/tickets?organizationId=" + organization());
        assertThat(other.status()).as(other.toString()).isEqualTo(400);
        assertThat(other.body()).contains("organizationId");
    }

    @Test
    void anOrganizationsOwnCalendarIsAStoredOneAndPreviewsStayInTheSupportedYears() {
        Api.Response builtIn =
                admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", "Pro", "calendarId", "24x7"));
        assertThat(builtIn.status()).isEqualTo(400);
        assertThat(builtIn.body()).contains("built-in calendar");
        Api.Response late = admin.post(
                "/api/v1/sla/preview", Map.of("plan", "Pro", "severity", "P1", "start", "2199-12-31T23:59:59Z"));
        assertThat(late.status()).as(late.toString()).isEqualTo(400);
        assertThat(late.body()).contains("start");
    }
}
