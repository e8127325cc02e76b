package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The timeline is stored as data and put into words when read, in the reader's language and zone. */
class TimelineLanguageTests extends DeskTest {
    private static final java.time.ZoneId TAIPEI = java.time.ZoneId.of("Asia/Taipei");

    /** A Friday, 15:00 in Taipei. */
    private Instant friday15() {
        return advanceTo(java.time.DayOfWeek.FRIDAY, java.time.LocalTime.of(15, 0), TAIPEI);
    }

    private static String format(Instant i, java.time.ZoneId zone, String pattern, java.util.Locale locale) {
        return java.time.format.DateTimeFormatter.ofPattern(pattern, locale).format(i.atZone(zone));
    }

    private List<JsonNode> timeline(Api who, String id, String language) {
        Api.Response r = who.send(
                "GET",
                "/api/v1/tickets/" + id + "/timeline",
                null,
                null,
                language == null ? Map.of() : Map.of("Accept-Language", language));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items").values().stream().toList();
    }

    private String taipeiOrganization() {
        Api.Response r = admin.post(
                "/api/v1/organizations", Map.of("name", unique("org"), "plan", "Pro", "timeZone", "Asia/Taipei"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id");
    }

    /** A ticket with a history of most kinds: created, replied, pending and back, severity changed, solved. */
    private String busyTicket(Api customer, Api agent) {
        String id = ticket(customer, "P2");
        agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "Looking into it", "visibility", "public"));
        agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "pending"));
        customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "Here are the logs"));
        agent.post("/api/v1/tickets/" + id + "/severity", Map.of("severity", "P1", "reason", "the whole site is down"));
        agent.post("/api/v1/tickets/" + id + "/status", Map.of("status", "solved"));
        return id;
    }

    @Test
    void aTraditionalChineseReaderGetsEveryDetailInChineseWithInstantsInTheirZone() {
        Instant friday = friday15();
        Instant monday = friday.plus(java.time.Duration.ofDays(3));
        String org = taipeiOrganization();
        Api customer = customer(org);
        Api agent = agent();
        String id = busyTicket(customer, agent);

        List<JsonNode> zh = timeline(agent, id, "zh-TW,zh;q=0.9,en;q=0.5");
        List<JsonNode> en = timeline(agent, id, "en");
        assertThat(zh).hasSameSizeAs(en).hasSizeGreaterThan(8);
        for (int i = 0; i < zh.size(); i++) {
            String type = zh.get(i).get("type").asString();
            String detail = zh.get(i).get("detail").asString();
            assertThat(detail)
                    .as("%s in Chinese", type)
                    .containsPattern("\\p{IsHan}")
                    .isNotEqualTo(en.get(i).get("detail").asString());
            assertThat(en.get(i).get("detail").asString())
                    .as("%s in English", type)
                    .doesNotContainPattern("\\p{IsHan}");
        }
        JsonNode started = zh.stream()
                .filter(n -> n.get("type").asString().equals("clock.started")
                        && n.get("clock").asString().equals("resolution"))
                .findFirst()
                .orElseThrow();
        // P2 resolution: 1 business day, Friday 15:00 → Monday 15:00, in the reader's (the organization's) zone
        java.util.Locale chinese = java.util.Locale.TRADITIONAL_CHINESE;
        assertThat(started.get("detail").asString())
                .isEqualTo("解決期限 " + format(monday, TAIPEI, "M月d日", chinese) + "（週一）15:00 Asia/Taipei：建立於 "
                        + format(friday, TAIPEI, "M月d日", chinese) + "（週五）15:00 Asia/Taipei，P2，Pro 方案，1 個工作天");
        JsonNode startedEn = en.stream()
                .filter(n -> n.get("type").asString().equals("clock.started")
                        && n.get("clock").asString().equals("resolution"))
                .findFirst()
                .orElseThrow();
        java.util.Locale english = java.util.Locale.ENGLISH;
        assertThat(startedEn.get("detail").asString())
                .isEqualTo("Resolution due " + format(monday, TAIPEI, "EEE d MMM", english)
                        + " 15:00 Asia/Taipei: opened " + format(friday, TAIPEI, "EEE d MMM", english)
                        + " 15:00 Asia/Taipei, P2, Pro plan, 1 business day");
    }

    @Test
    void withoutAnAcceptLanguageTheUsersOwnLanguageAndZoneAreUsed() {
        Instant friday = friday15();
        Instant monday = friday.plus(java.time.Duration.ofDays(3));
        String org = taipeiOrganization();
        Api customer = customer(org);
        String email = unique("agent") + "@example.com";
        Api.Response created = admin.post(
                "/api/v1/users",
                Map.of(
                        "email", email,
                        "name", "王小明",
                        "role", "agent",
                        "password", "correct-horse-1",
                        "language", "zh-TW",
                        "timeZone", "America/New_York"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api agent = anonymous.signIn(email, "correct-horse-1");
        String id = ticket(customer, "P2");

        JsonNode started = timeline(agent, id, null).stream()
                .filter(n -> n.get("type").asString().equals("clock.started")
                        && n.get("clock").asString().equals("resolution"))
                .findFirst()
                .orElseThrow();
        // Monday 15:00 in Taipei is Monday 02:00 or 03:00 in New York, by its daylight saving
        java.time.ZoneId ny = java.time.ZoneId.of("America/New_York");
        assertThat(started.get("detail").asString())
                .startsWith("解決期限 " + format(monday, ny, "M月d日（EEE）HH:mm", java.util.Locale.TRADITIONAL_CHINESE)
                        + " America/New_York");
        // an English Accept-Language wins over the user's language
        JsonNode english = timeline(agent, id, "en-US").get(0);
        assertThat(english.get("detail").asString()).doesNotContainPattern("\\p{IsHan}");
    }

    @Test
    void aPlanNamedPlanIsNotDoubled() {
        friday15();
        Api.Response plan = admin.post("/api/v1/plans", Map.of("name", unique("Office") + " plan", "policyId", "Pro"));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        Api.Response org = admin.post(
                "/api/v1/organizations",
                Map.of("name", unique("org"), "plan", plan.get("id"), "timeZone", "Asia/Taipei"));
        String id = ticket(customer(org.get("id")), "P2");
        String detail = timeline(agent(), id, "en").stream()
                .filter(n -> n.get("type").asString().equals("clock.started"))
                .findFirst()
                .orElseThrow()
                .get("detail")
                .asString();
        assertThat(detail).contains(plan.get("name") + ",").doesNotContain("plan plan");
    }
}
