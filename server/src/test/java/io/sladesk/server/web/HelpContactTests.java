package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "No, contact support" from the help centre's page: a ticket that arrived by the portal. */
class HelpContactTests extends DeskTest {

    @Test
    void theHelpCentresFormRaisesAPortalTicketAndTheApisAnApiOne() {
        Api agent = agent();
        String article = agent.post(
                        "/api/v1/kb/articles",
                        Map.of(
                                "title",
                                unique("Export"),
                                "body",
                                "How to export.",
                                "language",
                                "en",
                                "status",
                                "published"))
                .get("id");
        Api customer = customer(organization());
        String email = customer.get("/api/v1/me").get("email");
        PageClient page = new PageClient(port);
        page.signIn(email, "correct-horse-1");
        page.get("/help/articles/" + article);
        HttpResponse<String> r = page.post(
                "/help/articles/" + article + "/contact",
                Map.of("subject", "Export still fails", "description", "The article did not help.", "severity", "P3"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String number = r.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        Api.Response list = customer.get("/api/v1/tickets?requesterId=me");
        String fromPage = null;
        for (var t : list.json().get("items"))
            if (t.get("number").asString().equals(number))
                fromPage = t.get("channel").asString();
        assertThat(fromPage).isEqualTo("portal");
        Api.Response viaApi = customer.post(
                "/api/v1/kb/articles/" + article + "/contact", Map.of("subject", "Again", "description", "Still."));
        assertThat(viaApi.status()).isEqualTo(201);
        assertThat(viaApi.get("channel")).isEqualTo("api");
        // the report is staff's, and says so
        Api.Response report = customer.get("/api/v1/reports/kb");
        assertThat(report.status()).isEqualTo(403);
        assertThat(report.body()).contains("report");
    }
}
