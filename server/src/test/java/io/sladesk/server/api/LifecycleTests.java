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
                "/api/v1/users",
                Map.of("email", email, "name", "Leaver", "role", "agent", "password", "correct-horse-1"));
        Api agent = anonymous.signIn(email, "correct-horse-1");
        assertThat(agent.get("/api/v1/tickets").status()).isEqualTo(200);

        Api.Response off = patch(admin, "/api/v1/users/" + created.get("id"), Map.of("active", false));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(agent.get("/api/v1/tickets").status())
                .as("the token stops at once")
                .isEqualTo(401);
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", email, "password", "correct-horse-1"))
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
                        .post("/api/v1/auth/token", Map.of("email", email, "password", "correct-horse-1"))
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
                        Map.of("email", email, "name", "Self", "role", "agent", "password", "correct-horse-1"))
                .get("id");
        Api me = anonymous.signIn(email, "correct-horse-1");
        assertThat(patch(me, "/api/v1/users/" + id, Map.of("password", "correct-horse-2"))
                        .status())
                .as("without the old password")
                .isEqualTo(400);
        assertThat(patch(
                                me,
                                "/api/v1/users/" + id,
                                Map.of("password", "correct-horse-2", "oldPassword", "correct-horse-1"))
                        .status())
                .isEqualTo(200);
        assertThat(patch(me, "/api/v1/users/" + id, Map.of("role", "admin")).status())
                .as("no one promotes themselves")
                .isEqualTo(403);
        assertThat(patch(admin, "/api/v1/users/" + id, Map.of("password", "correct-horse-3"))
                        .status())
                .isEqualTo(200);
        assertThat(anonymous
                        .post("/api/v1/auth/token", Map.of("email", email, "password", "correct-horse-3"))
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/audit").json().get("items").values().stream()
                        .map(e -> e.get("changes").toString())
                        .noneMatch(c -> c.contains("correct-horse-3")))
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
            Instant missed = Instant.parse(sla.get(clock).get("missedDueAt").asString());
            Instant breached = Instant.parse(sla.get(clock).get("breachedAt").asString());
            assertThat(breached)
                    .as(clock + ": breachedAt never before the due instant it missed")
                    .isAfterOrEqualTo(missed);
            assertThat(missed)
                    .as(clock + ": missed at P1's target")
                    .isEqualTo(Instant.parse(imported.get("createdAt"))
                            .plus(clock.equals("firstResponse") ? Duration.ofMinutes(45) : Duration.ofHours(8)));
            assertThat(Instant.parse(sla.get(clock).get("dueAt").asString()))
                    .as(clock + ": the retarget moved dueAt")
                    .isAfter(missed);
            assertThat(sla.get(clock).get("status").asString()).isEqualTo("breached");
        }
    }

    @Test
    void policiesRefuseOffsetsAndGracesBeyondAYearAndAPatchKeepsWhatItLeavesOut() {
        Map<String, Object> p1 = Map.of(
                "firstResponse", Map.of("duration", "PT5S", "calendar", "24x7"),
                "resolution", Map.of("duration", "PT8S", "calendar", "24x7"));
        Api.Response huge = admin.post(
                "/api/v1/policies",
                Map.of(
                        "name", unique("huge"),
                        "targets", Map.of("P1", p1),
                        "escalation",
                                List.of(
                                        Map.of("level", 1, "afterBreach", "PT0S", "actions", List.of()),
                                        Map.of("level", 2, "afterBreachShare", 1e300, "actions", List.of()))));
        assertThat(huge.status()).as(huge.toString()).isEqualTo(400);
        assertThat(huge.body()).contains("escalation[1]");
        Api.Response grace = admin.post(
                "/api/v1/policies",
                Map.of("name", unique("grace"), "targets", Map.of("P1", p1), "upgradeGrace", "P99999999D"));
        assertThat(grace.status()).isEqualTo(400);
        assertThat(grace.body()).contains("upgradeGrace");
        Map<String, Object> nullSeverity = new HashMap<>();
        nullSeverity.put("P1", null);
        Api.Response nulls = admin.post("/api/v1/policies", Map.of("name", unique("nulls"), "targets", nullSeverity));
        assertThat(nulls.status()).as("null severity").isEqualTo(400);

        String id = admin.post("/api/v1/policies", Map.of("name", unique("custom"), "targets", Map.of("P1", p1)))
                .get("id");
        Api.Response patched = patch(
                admin,
                "/api/v1/policies/" + id,
                Map.of("targets", Map.of("P3", Map.of("resolution", Map.of("duration", "PT40S", "calendar", "24x7")))));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode targets = patched.json().get("targets");
        assertThat(targets.get("P1").get("resolution").get("duration").asString())
                .as("P1, left out, keeps its own target")
                .isEqualTo("PT8S");
        assertThat(targets.get("P3").get("resolution").get("duration").asString())
                .isEqualTo("PT40S");
        assertThat(targets.get("P3").get("firstResponse").get("duration").asString())
                .as("P3's first response, left out, keeps its own target")
                .isEqualTo("PT4H");
    }

    @Test
    void closingWithdrawsAnOpenRequestWithAnEntrySayingSo() {
        String org = organization();
        Api customer = customer(org);
        Api agent = agent();
        String id = ticket(customer, "P3");
        Api.Response asked = customer.post(
                "/api/v1/tickets/" + id + "/reevaluations", Map.of("requestedSeverity", "P1", "reason", "site down"));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "solved"));
        assertThat(agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "closed"))
                        .status())
                .isEqualTo(200);
        List<JsonNode> decided =
                customer.get("/api/v1/tickets/" + id + "/timeline").json().get("items").values().stream()
                        .filter(n -> n.get("type").asString().equals("reevaluation.decided"))
                        .toList();
        assertThat(decided).hasSize(1);
        assertThat(decided.get(0).get("detail").asString()).contains("the ticket was closed");
        assertThat(customer.get("/api/v1/tickets/" + id + "/reevaluations")
                        .json()
                        .get("items")
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("withdrawn");
    }

    @Test
    void customersPreviewOnlyTheirOwnPlan() {
        Api customer = customer(organization());
        Api.Response own = customer.post(
                "/api/v1/sla/preview", Map.of("severity", "P1", "start", "2026-03-06T07:00:00.123456789Z"));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(customer.post(
                                "/api/v1/sla/preview",
                                Map.of("policyId", "Pro", "severity", "P1", "start", "2026-03-06T07:00:00Z"))
                        .status())
                .isEqualTo(403);
    }
}
