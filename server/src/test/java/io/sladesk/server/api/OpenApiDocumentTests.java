package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document says what the API answers: real success statuses and the problems. */
class OpenApiDocumentTests extends DeskTest {

    private JsonNode responses(JsonNode doc, String path, String method) {
        JsonNode op = doc.get("paths").get(path).get(method);
        assertThat(op).as(method + " " + path).isNotNull();
        return op.get("responses");
    }

    private static List<String> codes(JsonNode responses) {
        List<String> out = new ArrayList<>();
        responses.propertyNames().forEach(out::add);
        return out;
    }

    @Test
    void creatingATicketAnswers201OrAProblem() {
        Api.Response r = anonymous.get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        JsonNode responses = responses(doc, "/api/v1/tickets", "post");
        assertThat(codes(responses)).contains("201", "400", "401", "403", "413").doesNotContain("200");
        assertThat(responses.get("201").get("content").get("application/json").toString())
                .contains("TicketView");
        JsonNode bad = responses.get("400").get("content").get("application/problem+json");
        assertThat(bad.get("schema").get("$ref").asString()).isEqualTo("#/components/schemas/Problem");
        JsonNode problem = doc.get("components").get("schemas").get("Problem").get("properties");
        assertThat(problem.has("title")).isTrue();
        assertThat(problem.has("detail")).isTrue();
        assertThat(problem.has("errors")).isTrue();
        assertThat(doc.get("components")
                        .get("schemas")
                        .get("PolicyRequest")
                        .get("properties")
                        .has("unknown"))
                .as("the strict bodies' collector of unknown keys is no field of theirs")
                .isFalse();
    }

    @Test
    void everyOperationDeclaresItsRealSuccessAndItsProblems() {
        JsonNode doc = anonymous.get("/v3/api-docs").json();
        for (String create : List.of(
                "/api/v1/organizations",
                "/api/v1/users",
                "/api/v1/groups",
                "/api/v1/calendars",
                "/api/v1/policies",
                "/api/v1/plans",
                "/api/v1/webhooks",
                "/api/v1/tickets/{id}/messages",
                "/api/v1/tickets/{ticketId}/reevaluations")) {
            assertThat(codes(responses(doc, create, "post")))
                    .as("POST " + create)
                    .contains("201", "400")
                    .doesNotContain("200");
        }
        for (String delete : List.of(
                "/api/v1/groups/{id}",
                "/api/v1/plans/{id}",
                "/api/v1/calendars/{id}",
                "/api/v1/policies/{id}",
                "/api/v1/webhooks/{id}",
                "/api/v1/auth/token")) {
            assertThat(codes(responses(doc, delete, "delete")))
                    .as("DELETE " + delete)
                    .contains("204")
                    .doesNotContain("200");
        }
        assertThat(codes(responses(doc, "/api/v1/tickets/{id}", "get"))).contains("200", "401", "404");
        assertThat(codes(responses(doc, "/api/v1/auth/token", "post"))).contains("200", "400", "401", "429");
        assertThat(codes(responses(doc, "/api/v1/tickets/{id}/status", "post"))).contains("200", "400", "404", "409");
        doc.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    JsonNode responses = op.getValue().get("responses");
                    for (String code : codes(responses)) {
                        if (code.startsWith("4") || code.startsWith("5")) {
                            assertThat(responses.get(code).get("content").has("application/problem+json"))
                                    .as(op.getKey() + " " + path.getKey() + " " + code)
                                    .isTrue();
                        }
                    }
                }));
    }
}
