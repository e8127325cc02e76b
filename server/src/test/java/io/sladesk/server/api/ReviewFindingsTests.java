package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a black-box review of the jar found, each refused as bad input or hidden as it should be. */
class ReviewFindingsTests extends DeskTest {

    @Test
    void aSearchWithANulCharacterIsA400NamingQ() {
        Api agent = agent();
        for (String path : List.of("/api/v1/tickets?q=%00", "/api/v1/tickets?view=all&q=a%00b")) {
            Api.Response r = agent.get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.body()).contains("q", "NUL");
        }
    }

    @Test
    void aCategoryOfInternalArticlesOnlyIsNeverNamedToCustomersOrAnonymousReaders() {
        Api agent = agent();
        String secret = unique("Secret category");
        Api.Response a = agent.post(
                "/api/v1/kb/articles",
                Map.of(
                        "title", "Internal plan",
                        "body", "internal only",
                        "language", "en",
                        "category", secret,
                        "visibility", "internal",
                        "status", "published"));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        assertThat(agent.get("/api/v1/kb/categories").body()).contains(secret);
        Api customer = customer(organization());
        for (Api reader : List.of(anonymous, customer)) {
            assertThat(reader.get("/api/v1/kb/categories").body()).doesNotContain(secret);
            // filtering by it says no more than filtering by a name that does not exist
            Api.Response byName = reader.get("/api/v1/kb/articles?category=" + secret.replace(" ", "%20"));
            assertThat(byName.status()).isEqualTo(400);
        }
        assertThat(anonymous.get("/help").status()).isEqualTo(200);
    }

    @Test
    void onlyWebAndMailLinksStayLinksInArticles() {
        Api.Response a = agent().post(
                        "/api/v1/kb/articles",
                        Map.of(
                                "title",
                                unique("Links"),
                                "body",
                                "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [w](https://example.com/x)"
                                        + " [m](mailto:help@example.com) [r](/help)",
                                "language",
                                "en",
                                "status",
                                "published"));
        assertThat(a.status()).isEqualTo(201);
        String html = a.get("html");
        assertThat(html)
                .doesNotContain("data:")
                .contains("https://example.com/x", "mailto:help@example.com", "\"/help\"");
    }

    @Test
    void aKbReportOfInstantsPostgresCannotHoldIsA400() {
        Api.Response r = admin.get("/api/v1/reports/kb?to=%2B999999999-12-31T23:59:59Z");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("to");
        assertThat(admin.get("/api/v1/reports/kb?from=-999999999-01-01T00:00:00Z")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anOrganizationPreviewRefusesWhatTheChangeRefuses() {
        String org = organization();
        Api.Response preview =
                admin.post("/api/v1/organizations/" + org + "/preview", Map.of("widgetOrigins", List.of("bad")));
        Api.Response patch = admin.send(
                "PATCH", "/api/v1/organizations/" + org, "application/json", "{\"widgetOrigins\":[\"bad\"]}", Map.of());
        assertThat(patch.status()).isEqualTo(400);
        assertThat(preview.status()).isEqualTo(400);
        assertThat(preview.body()).contains("widgetOrigins");
    }
}
