package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.sla.RecomputeProbe;
import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The account lifecycle and what customers must not learn, through the API. */
class LifecycleTests extends DeskTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RecomputeProbe recompute;

    private Api.Response patch(Api who, String path, Object body) {
        return who.send("PATCH", path, "application/json", JSON.writeValueAsString(body), Map.of());
    }

    @Test
    void aDeactivatedAgentsTokenStopsAtOnceAndTheyCannotSignIn() {
        String email = unique("leaver") + "@example.com";
        Api.Response created = admin.post(
                "/api/v1/users", Map.of("email", email, "name", "Leaver", "role", "agent", "password", "password-1"));
        Api agent = anonymous.signIn(email, "password-1");
        assertThat(agent.get("/api/v1/tickets").status()).isEqualTo(200);

        Api.Response off = patch(admin, "/api/v1/users/" + created.get("id"), Map.of("active", false));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(agent.get("/api/v1/tickets").status())
                .as("the token stops at once")
                .isEqualTo(401);
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", email, "password", "password-1"))
                        .status())
                .isEqualTo(401);
        assertThat(db.sql("select count(*) from api_tokens t join users u on u.id = t.user_id"
                                + " where u.email = ? and t.revoked_at is null")
                        .param(email)
                        .query(Long.class)
                        .single())
                .as("every token revoked")
                .isZero();

        assertThat(patch(admin, "/api/v1/users/" + created.get("id"), Map.of("active", true))
                        .status())
                .isEqualTo(200);
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", email, "password", "password-1"))
                        .status())
                .isEqualTo(200);
        // the audit log names who did it
        JsonNode entries = admin.get("/api/v1/audit?limit=5").json().get("items");
        assertThat(entries.values().stream()
                        .anyMatch(e -> e.get("subjectId").asString().equals(created.get("id"))
                                && e.get("changes").get("body").get("active").asBoolean() == false))
                .isTrue();
    }

    @Test
    void usersChangeTheirOwnPasswordWithTheOldOneAndAdminsResetIt() {
        String email = unique("self") + "@example.com";
        String id = admin.post(
                        "/api/v1/users",
                        Map.of("email", email, "name", "Self", "role", "agent", "password", "password-1"))
                .get("id");
        Api me = anonymous.signIn(email, "password-1");
        assertThat(patch(me, "/api/v1/users/" + id, Map.of("password", "password-2"))
                        .status())
                .as("without the old password")
                .isEqualTo(400);
        assertThat(patch(me, "/api/v1/users/" + id, Map.of("password", "password-2", "oldPassword", "password-1"))
                        .status())
                .isEqualTo(200);
        assertThat(patch(me, "/api/v1/users/" + id, Map.of("role", "admin")).status())
                .as("no one promotes themselves")
                .isEqualTo(403);
        assertThat(patch(admin, "/api/v1/users/" + id, Map.of("password", "password-3"))
                        .status())
                .isEqualTo(200);
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", email, "password", "password-3"))
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/audit").json().get("items").values().stream()
                        .map(e -> e.get("changes").toString())
                        .noneMatch(c -> c.contains("password-3")))
                .as("passwords never reach the audit log")
                .isTrue();
    }

    @Test
    void aCustomersPlanChangeMovesTheirOpenTicketsDueInstants() {
        recompute.runPending();
        Map<String, Object> perSeverity = Map.of(
                "firstResponse", Map.of("duration", "PT1H", "calendar", "24x7"),
                "resolution", Map.of("duration", "PT2H", "calendar", "24x7"));
        Api.Response policy = admin.post(
                "/api/v1/policies",
                Map.of(
                        "name",
                        unique("fast"),
                        "targets",
                        Map.of("P1", perSeverity, "P2", perSeverity, "P3", perSeverity, "P4", perSeverity)));
        String plan = admin.post("/api/v1/plans", Map.of("name", unique("Fast"), "policyId", policy.get("id")))
                .get("id");
        String org = organization();
        Api customer = customer(org);
        Instant t0 = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String id = ticket(customer, "P3"); // Pro: P3 resolution in 2 business days
        String before = customer.get("/api/v1/tickets/" + id)
                .json()
                .get("sla")
                .get("resolution")
                .get("dueAt")
                .asString();

        Api.Response moved = patch(admin, "/api/v1/organizations/" + org, Map.of("plan", plan));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(recompute.runPending()).isEqualTo(2);
        JsonNode sla = customer.get("/api/v1/tickets/" + id).json().get("sla");
        assertThat(sla.get("resolution").get("dueAt").asString())
                .isNotEqualTo(before)
                .isEqualTo(t0.plus(Duration.ofHours(2)).toString());
        assertThat(sla.get("firstResponse").get("dueAt").asString())
                .isEqualTo(t0.plus(Duration.ofHours(1)).toString());
    }

    @Test
    void customersLearnNothingInternalFromTheirTicket() {
        String org = organization();
        Api customer = customer(org);
        Api agent = agent();
        String id = ticket(customer, "P2");
        String updated = customer.get("/api/v1/tickets/" + id).get("updatedAt");
        clock.advance(Duration.ofMinutes(5));
        agent.post("/api/v1/tickets/" + id + "/assign", Map.of("assigneeId", userId(agent)));
        Api.Response seen = customer.get("/api/v1/tickets/" + id);
        assertThat(seen.get("updatedAt")).as("an assignment is internal").isEqualTo(updated);
        assertThat(seen.json().has("escalationLevel")).isFalse();
        assertThat(seen.json().has("assigneeId")).isFalse();
        assertThat(customer.get("/api/v1/tickets?assigneeId=" + userId(agent)).status())
                .as("nor by filtering")
                .isEqualTo(403);
        assertThat(customer.get("/api/v1/tickets?sort=due").status()).isEqualTo(200);
        assertThat(customer.get("/api/v1/tickets?sort=due&breached=false&limit=1")
                        .status())
                .isEqualTo(200);
        assertThat(agent.get("/api/v1/tickets/" + id).json().has("escalationLevel"))
                .isTrue();
    }

    @Test
    void aNullAssigneeUnassignsAndWhatIsLeftOutStays() {
        String org = organization();
        Api agent = agent();
        String group = admin.post("/api/v1/groups", Map.of("name", unique("g"), "memberIds", List.of()))
                .get("id");
        String id = ticket(customer(org), "P3");
        agent.post("/api/v1/tickets/" + id + "/assign", Map.of("assigneeId", userId(agent), "groupId", group));
        Map<String, Object> unassign = new HashMap<>();
        unassign.put("assigneeId", null);
        Api.Response r = agent.post("/api/v1/tickets/" + id + "/assign", unassign);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().has("assigneeId")).isFalse();
        assertThat(r.get("groupId")).as("left out, so kept").isEqualTo(group);
        assertThat(agent.post("/api/v1/tickets/" + id + "/assign", Map.of()).status())
                .isEqualTo(400);
    }

    @Test
    void anImportFoundBreachedShowsNoWarningAfterItAndADowngradeNeverMakesLatenessNegative() {
        String org = organization();
        Api agent = agent();
        Instant created = clock.instant().minus(Duration.ofDays(10));
        Api.Response imported = admin.post(
                "/api/v1/tickets",
                Map.of(
                        "subject",
                        "Old",
                        "description",
                        "From the old desk",
                        "severity",
                        "P1",
                        "organizationId",
                        org,
                        "createdAt",
                        created.toString()));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        String id = imported.get("id");
        List<String> types = agent.get("/api/v1/tickets/" + id + "/timeline").json().get("items").values().stream()
                .map(n -> n.get("type").asString())
                .toList();
        assertThat(types).contains("clock.breached").doesNotContain("clock.warned");

        agent.post("/api/v1/tickets/" + id + "/severity", Map.of("severity", "P4", "reason", "not urgent after all"));
        JsonNode sla = agent.get("/api/v1/tickets/" + id).json().get("sla");
        for (String clock : List.of("firstResponse", "resolution")) {
            Instant due = Instant.parse(sla.get(clock).get("dueAt").asString());
            Instant breached = Instant.parse(sla.get(clock).get("breachedAt").asString());
            assertThat(breached).as(clock + ": breachedAt never before dueAt").isAfterOrEqualTo(due);
            assertThat(sla.get(clock).get("status").asString()).isEqualTo("breached");
        }
    }
}
