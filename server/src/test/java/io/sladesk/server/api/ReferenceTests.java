package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.sla.TimerProbe;
import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * References between configuration objects are ids: a calendar, group, plan or policy may
 * be renamed while in use and nothing else changes; deleting one in use is a 409 naming
 * what uses it.
 */
class ReferenceTests extends DeskTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Monday to Friday, 09:00–18:00. */
    private static final Map<String, Object> OFFICE_WEEK = Map.of(
            "MONDAY", List.of(List.of("09:00", "18:00")),
            "TUESDAY", List.of(List.of("09:00", "18:00")),
            "WEDNESDAY", List.of(List.of("09:00", "18:00")),
            "THURSDAY", List.of(List.of("09:00", "18:00")),
            "FRIDAY", List.of(List.of("09:00", "18:00")));

    @Autowired
    TimerProbe timers;

    @Autowired
    io.sladesk.server.sla.RecomputeProbe recompute;

    @org.junit.jupiter.api.AfterEach
    void leaveNoRecomputationQueued() {
        recompute.runPending();
    }

    private Api.Response send(String method, String path, Object body) {
        return admin.send(method, path, "application/json", JSON.writeValueAsString(body), Map.of());
    }

    private record Setup(String calendar, String calendarName, String group, String policy, String plan, String org) {}

    /** An office calendar (Taipei, Mon–Fri 09:00–18:00), a group, a policy on both, a plan on it, an organization. */
    private Setup setup() {
        String calendarName = unique("Office");
        Api.Response cal = admin.post(
                "/api/v1/calendars", Map.of("name", calendarName, "timeZone", "Asia/Taipei", "week", OFFICE_WEEK));
        assertThat(cal.status()).as(cal.toString()).isEqualTo(201);
        String groupName = unique("Tier 2");
        Api.Response group = admin.post("/api/v1/groups", Map.of("name", groupName, "memberIds", List.of()));
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        // named, as a request may name them: resolved to ids when the policy is written
        Map<String, Object> fr = Map.of("duration", "PT4H", "calendar", calendarName);
        Map<String, Object> res = Map.of("duration", "PT9H", "calendar", calendarName);
        Map<String, Object> perSeverity = Map.of("firstResponse", fr, "resolution", res);
        Api.Response policy = admin.post(
                "/api/v1/policies",
                Map.of(
                        "name", unique("Office policy"),
                        "targets", Map.of("P1", perSeverity, "P2", perSeverity, "P3", perSeverity, "P4", perSeverity),
                        "escalation",
                                List.of(Map.of(
                                        "level",
                                        1,
                                        "afterBreach",
                                        "PT0S",
                                        "actions",
                                        List.of("raise_priority", "reassign_to_group:" + groupName)))));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        Api.Response plan =
                admin.post("/api/v1/plans", Map.of("name", unique("Office plan"), "policyId", policy.get("id")));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        Api.Response org = admin.post(
                "/api/v1/organizations",
                Map.of("name", unique("org"), "plan", plan.get("name"), "timeZone", "Asia/Taipei"));
        assertThat(org.status()).as(org.toString()).isEqualTo(201);
        return new Setup(cal.get("id"), calendarName, group.get("id"), policy.get("id"), plan.get("id"), org.get("id"));
    }

    /** A Wednesday, 10:00 in Taipei: a working day of the office calendar. */
    private Instant wednesday10() {
        return advanceTo(
                java.time.DayOfWeek.WEDNESDAY, java.time.LocalTime.of(10, 0), java.time.ZoneId.of("Asia/Taipei"));
    }

    @Test
    void renamingACalendarGroupPlanAndPolicyInUseChangesNothingElse() {
        Instant wednesday = wednesday10();
        String thursday10 = wednesday.plus(java.time.Duration.ofDays(1)).toString();
        Setup s = setup();
        Api customer = customer(s.org());
        String before = ticket(customer, "P3");
        String resolutionBefore = customer.get("/api/v1/tickets/" + before)
                .json()
                .get("sla")
                .get("resolution")
                .get("dueAt")
                .asString();
        // 9 working hours from Wednesday 10:00 on 09:00–18:00: Thursday 10:00 Taipei
        assertThat(resolutionBefore).isEqualTo(thursday10);

        String newCalendarName = unique("Renamed office");
        Api.Response cal = admin.send(
                "PUT",
                "/api/v1/calendars/" + s.calendar(),
                "application/json",
                JSON.writeValueAsString(
                        Map.of("name", newCalendarName, "timeZone", "Asia/Taipei", "week", OFFICE_WEEK)),
                Map.of());
        assertThat(cal.status()).as(cal.toString()).isEqualTo(200);
        String newGroupName = unique("Escalations");
        assertThat(send("PATCH", "/api/v1/groups/" + s.group(), Map.of("name", newGroupName))
                        .status())
                .isEqualTo(200);
        Api.Response plan = send("PATCH", "/api/v1/plans/" + s.plan(), Map.of("name", unique("Renamed plan")));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        Api.Response policy = send("PATCH", "/api/v1/policies/" + s.policy(), Map.of("name", unique("Renamed policy")));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        assertThat(policy.json()
                        .get("targets")
                        .get("P3")
                        .get("resolution")
                        .get("calendar")
                        .asString())
                .as("the policy shows its calendar by its current name")
                .isEqualTo(newCalendarName);
        assertThat(policy.json().get("escalation").get(0).get("actions").get(1).asString())
                .isEqualTo("reassign_to_group:" + newGroupName);

        // the organization's next ticket is taken, on the same calendar
        Api.Response after = customer.post(
                "/api/v1/tickets", Map.of("subject", "Again", "description", "Still broken", "severity", "P3"));
        assertThat(after.status()).as(after.toString()).isEqualTo(201);
        assertThat(after.json().get("sla").get("resolution").get("dueAt").asString())
                .isEqualTo(thursday10);
        assertThat(after.json()
                        .get("sla")
                        .get("resolution")
                        .get("target")
                        .get("calendar")
                        .asString())
                .isEqualTo(newCalendarName);

        // and escalation still moves the breached ticket to the renamed group
        clock.set(Instant.parse(thursday10).plusMillis(1));
        timers.runUntilIdle();
        Api agent = agent();
        Api.Response escalated = agent.get("/api/v1/tickets/" + after.get("id"));
        assertThat(escalated.json().get("escalationLevel").asInt()).isEqualTo(1);
        assertThat(escalated.get("groupId")).isEqualTo(s.group());
        assertThat(escalated.get("priority")).isEqualTo("high");
    }

    @Test
    void deletingWhatIsInUseIsAConflictNamingItsUsers() {
        wednesday10();
        Setup s = setup();
        ticket(customer(s.org()), "P2");

        Api.Response calendar = admin.delete("/api/v1/calendars/" + s.calendar());
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(409);
        assertThat(calendar.get("detail")).contains("policy '").contains("the SLA clocks of 1 ticket");
        Api.Response group = admin.delete("/api/v1/groups/" + s.group());
        assertThat(group.status()).isEqualTo(409);
        assertThat(group.get("detail")).contains("policy '");
        Api.Response plan = admin.delete("/api/v1/plans/" + s.plan());
        assertThat(plan.status()).isEqualTo(409);
        assertThat(plan.get("detail")).contains("organization '");
        Api.Response policy = admin.delete("/api/v1/policies/" + s.policy());
        assertThat(policy.status()).isEqualTo(409);
        assertThat(policy.get("detail")).contains("plan '");
        // nothing was deleted
        assertThat(admin.get("/api/v1/calendars/" + s.calendar()).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/groups/" + s.group()).status()).isEqualTo(200);

        // what nothing uses goes
        Api.Response spare = admin.post("/api/v1/groups", Map.of("name", unique("spare"), "memberIds", List.of()));
        assertThat(admin.delete("/api/v1/groups/" + spare.get("id")).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/groups/" + spare.get("id")).status()).isEqualTo(404);
    }

    @Test
    void aNameGivenForACalendarIsStoredAsItsId() {
        Setup s = setup();
        String stored = db.sql(
                        "select targets -> 'P1' -> 'firstResponse' ->> 'calendar' from policies where id = ?::uuid")
                .param(s.policy())
                .query(String.class)
                .single();
        assertThat(stored).isEqualTo(s.calendar());
    }
}
