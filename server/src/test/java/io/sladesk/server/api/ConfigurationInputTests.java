package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configuration bodies are strict (a key the desk does not read is a 400 naming it, and
 * nothing is stored); the built-in calendars are listed; paths take a name wherever
 * bodies do.
 */
class ConfigurationInputTests extends DeskTest {
    private static final Map<String, Object> HOUR = Map.of("duration", "PT1H", "calendar", "24x7");

    private static void unknownKey(Api.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(fields(r, "errors", "field")).contains(field);
        assertThat(r.get("detail")).contains(field);
    }

    private Map<String, Object> policy(Object targets) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", unique("policy"));
        body.put("targets", targets);
        return body;
    }

    @Test
    void aMisspeltMetricIsRefusedNotQuietlyReplacedByProsTarget() {
        long before = count("policies");
        unknownKey(
                admin.post(
                        "/api/v1/policies",
                        policy(Map.of("P1", Map.of("firstRespons", Map.of("duration", "PT5M"), "resolution", HOUR)))),
                "targets.P1.firstRespons");
        unknownKey(
                admin.post(
                        "/api/v1/policies",
                        policy(Map.of("P2", Map.of("firstResponse", Map.of("durration", "PT5M", "duration", "PT5M"))))),
                "targets.P2.firstResponse.durration");
        unknownKey(admin.post("/api/v1/policies", policy(Map.of("P5", Map.of()))), "targets.P5");
        Map<String, Object> withLevel = policy(Map.of("P1", Map.of("resolution", HOUR)));
        withLevel.put(
                "escalation", List.of(Map.of("level", 1, "actions", List.of("raise_priority"), "afterBreech", "PT0S")));
        unknownKey(admin.post("/api/v1/policies", withLevel), "escalation[0].afterBreech");
        Map<String, Object> topLevel = policy(Map.of("P1", Map.of("resolution", HOUR)));
        topLevel.put("warningshare", 0.5);
        topLevel.put("grace", "PT1H");
        Api.Response both = admin.post("/api/v1/policies", topLevel);
        unknownKey(both, "warningshare");
        assertThat(fields(both, "errors", "field"))
                .as("every unknown key at once")
                .contains("grace");
        assertThat(count("policies")).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aPolicyChangeIsAsStrict() {
        Api.Response created = admin.post("/api/v1/policies", policy(Map.of("P1", Map.of("resolution", HOUR))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.get("id");
        unknownKey(
                admin.send("PATCH", "/api/v1/policies/" + id, "application/json", "{\"nmae\":\"x\"}", Map.of()),
                "nmae");
        unknownKey(
                admin.send(
                        "PATCH",
                        "/api/v1/policies/" + id,
                        "application/json",
                        "{\"targets\":{\"P1\":{\"resolutoin\":{\"duration\":\"PT1H\"}}}}",
                        Map.of()),
                "targets.P1.resolutoin");
        Api.Response read = admin.get("/api/v1/policies/" + id);
        assertThat(read.get("name")).isEqualTo(created.get("name"));
        assertThat(read.json()
                        .get("targets")
                        .get("P1")
                        .get("resolution")
                        .get("duration")
                        .asString())
                .isEqualTo("PT1H");
    }

    @Test
    void unknownKeysOfCalendarsPlansGroupsAndOrganizationsAreRefused() {
        long calendars = count("calendars");
        long plans = count("plans");
        long groups = count("agent_groups");
        long organizations = count("organizations");
        Map<String, Object> calendar = new HashMap<>(Map.of(
                "name",
                unique("cal"),
                "timeZone",
                "UTC",
                "week",
                Map.of("MONDAY", List.of(List.of("09:00", "17:00")))));
        calendar.put("timezone", "Asia/Taipei");
        unknownKey(admin.post("/api/v1/calendars", calendar), "timezone");
        unknownKey(admin.post("/api/v1/plans", Map.of("name", unique("plan"), "policy", "Pro")), "policy");
        unknownKey(admin.post("/api/v1/groups", Map.of("name", unique("group"), "members", List.of())), "members");
        unknownKey(
                admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", "Pro", "calendar", "24x7")),
                "calendar");
        assertThat(count("calendars")).isEqualTo(calendars);
        assertThat(count("plans")).isEqualTo(plans);
        assertThat(count("agent_groups")).isEqualTo(groups);
        assertThat(count("organizations")).isEqualTo(organizations);

        String group =
                admin.post("/api/v1/groups", Map.of("name", unique("group"))).get("id");
        unknownKey(
                admin.send("PATCH", "/api/v1/groups/" + group, "application/json", "{\"nmae\":\"x\"}", Map.of()),
                "nmae");
    }

    @Test
    void otherBodiesStillIgnoreFieldsTheyDoNotRead() {
        Api customer = customer(organization());
        Api.Response r =
                customer.post("/api/v1/tickets", Map.of("subject", "s", "description", "d", "clientVersion", "2.1"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void theBuiltInCalendarsAreListedFirst() {
        String name = unique("Office");
        Api.Response created = admin.post(
                "/api/v1/calendars",
                Map.of(
                        "name",
                        name,
                        "timeZone",
                        "Asia/Taipei",
                        "week",
                        Map.of("MONDAY", List.of(List.of("09:00", "18:00")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("builtIn").asBoolean()).isFalse();

        Api.Response list = agent().get("/api/v1/calendars?limit=200");
        assertThat(list.status()).isEqualTo(200);
        assertThat(fields(list, "items", "id").subList(0, 2)).containsExactly("24x7", "business-days");
        var always = list.json().get("items").get(0);
        assertThat(always.get("name").asString()).isEqualTo("24x7");
        assertThat(always.get("builtIn").asBoolean()).isTrue();
        assertThat(always.get("week").size()).isEqualTo(7);
        var business = list.json().get("items").get(1);
        assertThat(business.get("builtIn").asBoolean()).isTrue();
        assertThat(business.get("week").has("MONDAY")).isTrue();
        assertThat(business.get("week").has("SATURDAY")).isFalse();
        assertThat(fields(list, "items", "name")).contains(name);

        Api.Response first = admin.get("/api/v1/calendars?limit=1");
        assertThat(fields(first, "items", "id")).containsExactly("24x7");
        Api.Response second = admin.get("/api/v1/calendars?limit=1&cursor=" + first.get("next"));
        assertThat(fields(second, "items", "id")).containsExactly("business-days");

        assertThat(admin.get("/api/v1/calendars/24x7").json().get("builtIn").asBoolean())
                .isTrue();
        Api.Response delete = admin.delete("/api/v1/calendars/business-days");
        assertThat(delete.status()).as(delete.toString()).isEqualTo(409);
        assertThat(admin.post("/api/v1/calendars/24x7/holidays", Map.of("holidays", List.of("2026-10-10")))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void pathsTakeTheUniqueNameWhereverBodiesDo() {
        String orgName = unique("OrgA");
        Api.Response org = admin.post("/api/v1/organizations", Map.of("name", orgName, "plan", "Pro"));
        assertThat(org.status()).isEqualTo(201);
        String orgId = org.get("id");
        assertThat(admin.get("/api/v1/organizations/" + orgName).get("id")).isEqualTo(orgId);
        assertThat(admin.get("/api/v1/organizations/" + orgName.toLowerCase()).get("id"))
                .isEqualTo(orgId);
        Api customer = customer(orgId);
        assertThat(customer.get("/api/v1/organizations/" + orgName).status()).isEqualTo(200);
        String other = unique("OrgB");
        admin.post("/api/v1/organizations", Map.of("name", other, "plan", "Pro"));
        assertThat(customer.get("/api/v1/organizations/" + other).status())
                .as("another organization's name is unknown to a customer")
                .isEqualTo(404);

        String group = unique("Tier 2").replace(' ', '-');
        String groupId = admin.post("/api/v1/groups", Map.of("name", group)).get("id");
        assertThat(admin.get("/api/v1/groups/" + group).get("id")).isEqualTo(groupId);
        assertThat(admin.get("/api/v1/plans/Pro").get("name")).isEqualTo("Pro");
        assertThat(admin.get("/api/v1/policies/Pro").get("name")).isEqualTo("Pro");
        String calendar = unique("Cal");
        String calendarId = admin.post(
                        "/api/v1/calendars",
                        Map.of(
                                "name",
                                calendar,
                                "timeZone",
                                "UTC",
                                "week",
                                Map.of("MONDAY", List.of(List.of("09:00", "17:00")))))
                .get("id");
        assertThat(admin.get("/api/v1/calendars/" + calendar).get("id")).isEqualTo(calendarId);

        // list filters take the name too
        String ticket = ticket(customer, "P3");
        Api agent = agent();
        assertThat(fields(agent.get("/api/v1/tickets?organizationId=" + orgName), "items", "id"))
                .containsExactly(ticket);
        assertThat(fields(admin.get("/api/v1/users?organizationId=" + orgName), "items", "id"))
                .containsExactly(userId(customer));
        Api.Response unknown = agent.get("/api/v1/tickets?organizationId=no-such-org");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown, "errors", "field")).containsExactly("organizationId");
        assertThat(customer.get("/api/v1/tickets?organizationId=" + other).status())
                .as("a customer learns nothing of other organizations' names")
                .isEqualTo(400);
    }
}
