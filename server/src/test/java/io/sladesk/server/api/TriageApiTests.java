package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A severity suggested from a ticket's words, kept with its reasons, and where the severity came from. */
class TriageApiTests extends DeskTest {

    @Test
    void aTicketWithoutSeverityGetsTheSuggestedOneWithItsReasonsBothSidesSee() {
        String org = organization();
        Api customer = customer(org);
        Api agent = agent();
        Api.Response r = customer.post(
                "/api/v1/tickets",
                Map.of(
                        "subject", "服務完全中斷",
                        "description", "從今天早上開始所有使用者都無法使用，沒有替代方案。"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.get("severity")).isEqualTo("P1");
        assertThat(r.get("severitySource")).isEqualTo("suggested");
        JsonNode triage = r.json().get("triage");
        assertThat(triage.get("severity").asString()).isEqualTo("P1");
        assertThat(triage.get("reasons").values()).isNotEmpty().allSatisfy(reason -> {
            assertThat(reason.get("phrase").asString()).isNotBlank();
            assertThat(reason.get("rule").asString()).isNotBlank();
            assertThat(reason.get("severity").asString()).matches("P[1-4]");
        });
        assertThat(triage.get("reasons").values())
                .anyMatch(reason -> "P1".equals(reason.get("severity").asString()));
        // the clocks follow the suggested severity: P1's 45 minutes
        assertThat(r.json()
                        .get("sla")
                        .get("firstResponse")
                        .get("target")
                        .get("duration")
                        .asString())
                .isEqualTo("PT45M");
        String id = r.get("id");
        assertThat(agent.get("/api/v1/tickets/" + id)
                        .json()
                        .get("triage")
                        .get("severity")
                        .asString())
                .isEqualTo("P1");
        assertThat(customer.get("/api/v1/tickets/" + id + "/timeline").body()).contains("suggested");

        // an agent's change makes the severity the agent's; the suggestion stays as history
        Api.Response changed = agent.post(
                "/api/v1/tickets/" + id + "/severity", Map.of("severity", "P2", "reason", "one region only"));
        assertThat(changed.get("severitySource")).isEqualTo("agent");
        assertThat(changed.json().get("triage").get("severity").asString()).isEqualTo("P1");
    }

    @Test
    void aChosenSeverityIsTheCustomersOrTheAgentsAndNothingMatchingIsP4() {
        String org = organization();
        Api customer = customer(org);
        Api.Response chosen = customer.post(
                "/api/v1/tickets", Map.of("subject", "Service down", "description", "Down", "severity", "P3"));
        assertThat(chosen.get("severity")).isEqualTo("P3");
        assertThat(chosen.get("severitySource")).isEqualTo("customer");
        assertThat(chosen.json().has("triage")).isFalse();
        Api.Response byAgent = agent().post(
                        "/api/v1/tickets",
                        Map.of("subject", "Call", "description", "Phoned in", "severity", "P2", "organizationId", org));
        assertThat(byAgent.get("severitySource")).isEqualTo("agent");
        Api.Response plain = customer.post("/api/v1/tickets", Map.of("subject", "Hello", "description", "Thanks"));
        assertThat(plain.get("severity")).isEqualTo("P4");
        assertThat(plain.get("severitySource")).isEqualTo("suggested");
        assertThat(plain.json().get("triage").get("reasons").size()).isZero();
    }

    @Test
    void theSuggesterAnswersAnySignedInUserAsTheyType() {
        Api customer = customer(organization());
        Api.Response down = customer.post(
                "/api/v1/triage/suggest",
                Map.of("subject", "Everything is down", "description", "The service is unavailable for all users"));
        assertThat(down.status()).as(down.toString()).isEqualTo(200);
        assertThat(down.get("severity")).isEqualTo("P1");
        Api.Response howTo = agent().post(
                        "/api/v1/triage/suggest",
                        Map.of("subject", "How do I export a report?", "description", "Where is the documentation?"));
        assertThat(howTo.get("severity")).isEqualTo("P4");
        Api.Response empty = customer.post("/api/v1/triage/suggest", Map.of("subject", "", "description", ""));
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.get("severity")).isEqualTo("P4");
        assertThat(anonymous
                        .post("/api/v1/triage/suggest", Map.of("subject", "x"))
                        .status())
                .isEqualTo(401);
        Api.Response tooLong = customer.post("/api/v1/triage/suggest", Map.of("subject", "x".repeat(251)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("subject");
    }
}
