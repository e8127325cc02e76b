package io.sladesk.server.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: each operation with its real success status (201 for creates, 204
 * for deletes, from the handlers' {@code @ResponseStatus}) and the problems it may answer,
 * all {@code application/problem+json} in the shape of the {@code Problem} schema.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    private static final String PROBLEM = "Problem";
    private static final String SIGN_IN = "/api/v1/auth/token";

    @Bean
    OpenAPI sladeskOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Sladesk API")
                        .version("v1")
                        .description("Tickets, SLA clocks and their configuration. Authenticate with a bearer"
                                + " token from POST /api/v1/auth/token. Every error is an RFC 9457 problem"
                                + " (application/problem+json)."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema<Object> fieldProblem = new ObjectSchema()
                .addProperty(
                        "field", new StringSchema().description("The JSON path of the field (targets.P1.resolution)"))
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("An RFC 9457 problem")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("What went wrong, in a sentence"))
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldProblem).description("Validation: every bad field"))
                .addProperty(
                        "correlationId",
                        new StringSchema().description("A failure of the server (500): the id it was logged with"));
    }

    /** The problems every operation may answer, as they apply to it. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getComponents() == null) openApi.setComponents(new Components());
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getPaths() == null) return;
            openApi.getPaths()
                    .forEach((path, item) ->
                            item.readOperationsMap().forEach((method, operation) -> problems(path, method, operation)));
        };
    }

    private static void problems(String path, PathItem.HttpMethod method, Operation operation) {
        if (!path.startsWith("/api/")) return;
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        boolean query = operation.getParameters() != null
                && operation.getParameters().stream()
                        .map(Parameter::getIn)
                        .anyMatch(in -> "query".equals(in) || "header".equals(in));
        boolean signIn = path.equals(SIGN_IN);
        boolean change = method != PathItem.HttpMethod.GET;
        Map<String, String> problems = new LinkedHashMap<>();
        if (body || query) problems.put("400", "Invalid request: the problem's errors name each bad field");
        problems.put("401", signIn ? "Unknown email or wrong password" : "No valid bearer token");
        if (!path.startsWith("/api/v1/auth/") && !path.equals("/api/v1/me"))
            problems.put("403", "The caller's role may not do this");
        if (path.contains("{")) problems.put("404", "No such resource, or one the caller may not see");
        if (change && !path.startsWith("/api/v1/auth/"))
            problems.put("409", "The resource's state does not allow this, or a concurrent change won (retry)");
        if (body) problems.put("413", "The request body is over 1 MiB");
        if (signIn) problems.put("429", "Too many failed sign-ins; wait as Retry-After says");
        problems.put("500", "The server failed; the problem names the correlation id it was logged with");
        problems.forEach((status, description) -> {
            if (!responses.containsKey(status)) responses.addApiResponse(status, problem(description));
        });
        operation.setResponses(responses);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }
}
