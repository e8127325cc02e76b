package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input is a clear 4xx problem naming what is wrong, and stores nothing. */
class BadInputTests extends DeskTest {
    private Api customer;
    private String ticket;

    @BeforeEach
    void aCustomer() {
        customer = customer(organization());
        ticket = ticket(customer, "P3");
    }

    private void rejected(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.get("title")).isNotBlank();
        assertThat(r.get("detail")).isNotBlank();
        if (field != null) {
            assertThat(fields(r, "errors", "field")).contains(field);
            assertThat(r.get("detail")).contains(field);
        }
    }

    private void nothingStored(Runnable action) {
        long tickets = count("tickets");
        long messages = count("ticket_messages");
        long events = count("ticket_events");
        long users = count("users");
        action.run();
        assertThat(count("tickets")).isEqualTo(tickets);
        assertThat(count("ticket_messages")).isEqualTo(messages);
        assertThat(count("ticket_events")).isEqualTo(events);
        assertThat(count("users")).isEqualTo(users);
    }

    private Api.Response raw(String method, String path, String contentType, String body) {
        return customer.send(method, path, contentType, body, Map.of());
    }

    @Test
    void malformedJsonIs400() {
        nothingStored(() -> {
            rejected(raw("POST", "/api/v1/tickets", "application/json", "{\"subject\": \"x\","), 400, null);
            rejected(raw("POST", "/api/v1/tickets", "application/json", "not json"), 400, null);
            rejected(raw("POST", "/api/v1/tickets", "application/json", ""), 400, null);
            rejected(
                    raw("POST", "/api/v1/tickets", "application/json", "{\"subject\":\"a\",\"description\":\"b\"} x"),
                    400,
                    null);
            rejected(raw("POST", "/api/v1/tickets", "application/json", "[1,2]"), 400, null);
        });
    }

    @Test
    void aKeyGivenTwiceIs400() {
        nothingStored(() -> rejected(
                raw(
                        "POST",
                        "/api/v1/tickets",
                        "application/json",
                        "{\"subject\":\"a\",\"description\":\"d\",\"severity\":\"P1\",\"severity\":\"P4\"}"),
                400,
                null));
    }

    @Test
    void aFixedOffsetIsNotATimeZone() {
        rejected(
                admin.post("/api/v1/organizations", Map.of("name", unique("o"), "plan", "Pro", "timeZone", "+08:00")),
                400,
                "timeZone");
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        nothingStored(() -> {
            rejected(
                    raw("POST", "/api/v1/tickets", "application/json", "{\"subject\":123,\"description\":\"d\"}"),
                    400,
                    "subject");
            rejected(
                    raw("POST", "/api/v1/tickets", "application/json", "{\"subject\":\"s\",\"description\":{\"a\":1}}"),
                    400,
                    "description");
            rejected(
                    raw(
                            "POST",
                            "/api/v1/tickets",
                            "application/json",
                            "{\"subject\":\"s\",\"description\":\"d\",\"severity\":true}"),
                    400,
                    "severity");
            rejected(customer.send("GET", "/api/v1/tickets?limit=ten", null, null, Map.of()), 400, "limit");
        });
    }

    @Test
    void missingAndUnknownValuesAre400NamingEachField() {
        nothingStored(() -> {
            Api.Response r = customer.post("/api/v1/tickets", Map.of("severity", "P9", "channel", "fax"));
            rejected(r, 400, "subject");
            assertThat(fields(r, "errors", "field")).contains("description", "severity", "channel");
            rejected(customer.post("/api/v1/tickets", Map.of("subject", "   ", "description", "d")), 400, "subject");
            rejected(customer.post("/api/v1/tickets/" + ticket + "/status", Map.of("status", "done")), 400, "status");
            rejected(
                    customer.post(
                            "/api/v1/tickets/" + ticket + "/messages", Map.of("body", "x", "visibility", "secret")),
                    400,
                    "visibility");
            rejected(customer.post("/api/v1/tickets/" + ticket + "/messages", Map.of()), 400, "body");
        });
    }

    @Test
    void unknownIdsAre404InPathsAnd400InBodies() {
        Api agent = agent();
        nothingStored(() -> {
            rejected(customer.get("/api/v1/tickets/00000000-0000-0000-0000-000000000000"), 404, null);
            rejected(customer.get("/api/v1/tickets/not-an-id/messages"), 404, null);
            rejected(
                    customer.post("/api/v1/tickets/00000000-0000-0000-0000-00000000000f/messages", Map.of("body", "x")),
                    404,
                    null);
            rejected(
                    agent.post("/api/v1/tickets", Map.of("subject", "s", "description", "d", "organizationId", "nope")),
                    400,
                    "organizationId");
            rejected(
                    agent.post(
                            "/api/v1/tickets/" + ticket + "/assign",
                            Map.of("assigneeId", "00000000-0000-0000-0000-000000000000")),
                    400,
                    "assigneeId");
            rejected(
                    agent.post("/api/v1/tickets/" + ticket + "/assign", Map.of("groupId", "no-such-group")),
                    400,
                    "groupId");
        });
    }

    @Test
    void oversizedFieldsAre400StatingTheLimit() {
        nothingStored(() -> {
            Api.Response r = customer.post("/api/v1/tickets", Map.of("subject", "s".repeat(251), "description", "d"));
            rejected(r, 400, "subject");
            assertThat(r.get("detail")).contains("250");
            rejected(
                    customer.post("/api/v1/tickets/" + ticket + "/messages", Map.of("body", "b".repeat(100_001))),
                    400,
                    "body");
        });
    }

    @Test
    void anOversizedBodyIs413StatingTheLimit() {
        nothingStored(() -> {
            Api.Response r =
                    customer.post("/api/v1/tickets", Map.of("subject", "s", "description", "x".repeat(1_100_000)));
            rejected(r, 413, null);
            assertThat(r.get("detail")).contains("1048576");
        });
    }

    @Test
    void textThatCannotBeStoredAsSentIsRefused() {
        nothingStored(() -> {
            rejected(
                    raw(
                            "POST",
                            "/api/v1/tickets",
                            "application/json",
                            "{\"subject\":\"a\\u0000b\",\"description\":\"d\"}"),
                    400,
                    "subject");
            rejected(
                    raw(
                            "POST",
                            "/api/v1/tickets",
                            "application/json",
                            "{\"subject\":\"a\\ud800b\",\"description\":\"d\"}"),
                    400,
                    "subject");
        });
    }

    @Test
    void wrongContentTypesAndMethodsAre4xx() {
        nothingStored(() -> {
            rejected(
                    raw("POST", "/api/v1/tickets", "text/plain", "{\"subject\":\"s\",\"description\":\"d\"}"),
                    415,
                    null);
            rejected(raw("POST", "/api/v1/tickets", "application/x-www-form-urlencoded", "subject=s"), 415, null);
            rejected(raw("PUT", "/api/v1/tickets/" + ticket, "application/json", "{}"), 405, null);
        });
    }

    @Test
    void missingOrBadTokensAre401() {
        nothingStored(() -> {
            rejected(anonymous.post("/api/v1/tickets", Map.of("subject", "s", "description", "d")), 401, null);
            rejected(anonymous.as("sdk_not-a-real-token").get("/api/v1/tickets"), 401, null);
            rejected(anonymous.as("garbage").get("/api/v1/tickets/" + ticket), 401, null);
            Api.Response basic =
                    anonymous.send("GET", "/api/v1/tickets", null, null, Map.of("Authorization", "Basic YTpi"));
            rejected(basic, 401, null);
        });
    }

    @Test
    void badAccountInputIs400AndStoresNothing() {
        nothingStored(() -> {
            rejected(admin.post("/api/v1/organizations", Map.of("name", "x", "plan", "Gold")), 400, "plan");
            rejected(
                    admin.post("/api/v1/organizations", Map.of("name", "x", "plan", "Pro", "timeZone", "Mars/Base")),
                    400,
                    "timeZone");
            rejected(
                    admin.post("/api/v1/users", Map.of("email", "not-an-email", "name", "n", "role", "agent")),
                    400,
                    "email");
            rejected(
                    admin.post("/api/v1/users", Map.of("email", "c@x.co", "name", "n", "role", "customer")),
                    400,
                    "organizationId");
            rejected(
                    admin.post("/api/v1/users", Map.of("email", "c@x.co", "name", "n", "role", "wizard")), 400, "role");
            rejected(
                    admin.post(
                            "/api/v1/users",
                            Map.of("email", "c@x.co", "name", "n", "role", "agent", "password", "short")),
                    400,
                    "password");
            rejected(
                    admin.post(
                            "/api/v1/users",
                            Map.of(
                                    "email",
                                    "c@x.co",
                                    "name",
                                    "n",
                                    "role",
                                    "agent",
                                    "duties",
                                    java.util.List.of("boss"))),
                    400,
                    "duties[0]");
        });
    }

    @Test
    void requiredTextMustNotBeBlank() {
        Api agent = agent();
        nothingStored(() -> {
            for (String blank : java.util.List.of("", "   ", "\n\t ")) {
                rejected(
                        customer.post("/api/v1/tickets", Map.of("subject", "s", "description", blank)),
                        400,
                        "description");
                rejected(customer.post("/api/v1/tickets/" + ticket + "/messages", Map.of("body", blank)), 400, "body");
                rejected(
                        agent.post(
                                "/api/v1/tickets/" + ticket + "/severity", Map.of("severity", "P1", "reason", blank)),
                        400,
                        "reason");
                rejected(
                        customer.post(
                                "/api/v1/tickets/" + ticket + "/reevaluations",
                                Map.of("requestedSeverity", "P1", "reason", blank)),
                        400,
                        "reason");
            }
        });
    }

    @Test
    void controlCharactersAndBidiOverridesAreRefusedInEveryTextField() {
        Api agent = agent();
        java.util.List<String> everywhere =
                java.util.List.of("\u0007", "\u001b[31m", "\u007f", "\u0085", "\u202e", "\u202a", "\u2066", "\u2069");
        nothingStored(() -> {
            for (String bad : everywhere) {
                rejected(
                        customer.post("/api/v1/tickets", Map.of("subject", "a" + bad + "b", "description", "d")),
                        400,
                        "subject");
                rejected(
                        customer.post("/api/v1/tickets", Map.of("subject", "s", "description", "a" + bad + "b")),
                        400,
                        "description");
                rejected(
                        customer.post("/api/v1/tickets/" + ticket + "/messages", Map.of("body", "x" + bad)),
                        400,
                        "body");
                rejected(
                        agent.post(
                                "/api/v1/tickets/" + ticket + "/severity",
                                Map.of("severity", "P1", "reason", "r" + bad)),
                        400,
                        "reason");
                rejected(admin.post("/api/v1/organizations", Map.of("name", "Acme" + bad, "plan", "Pro")), 400, "name");
                rejected(admin.post("/api/v1/groups", Map.of("name", "Tier" + bad)), 400, "name");
                rejected(
                        admin.post(
                                "/api/v1/users",
                                Map.of("email", unique("u") + "@x.co", "name", "N" + bad, "role", "agent")),
                        400,
                        "name");
                rejected(
                        admin.post(
                                "/api/v1/users", Map.of("email", "a" + bad + "b@x.co", "name", "n", "role", "agent")),
                        400,
                        "email");
            }
            // one-line text holds no line breaks or tabs
            for (String bad : java.util.List.of("\n", "\r", "\t")) {
                rejected(
                        customer.post("/api/v1/tickets", Map.of("subject", "a" + bad + "b", "description", "d")),
                        400,
                        "subject");
            }
            // a carriage return is part of a line break, not a character of its own
            rejected(
                    customer.post("/api/v1/tickets", Map.of("subject", "s", "description", "a\rb")),
                    400,
                    "description");
        });
    }

    @Test
    void multiLineTextKeepsLineBreaksAndTabs() {
        String text = "line 1\nline 2\r\n\tindented\n\n";
        Api.Response created = customer.post("/api/v1/tickets", Map.of("subject", "s", "description", text));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.get("description")).isEqualTo(text);
        Api.Response message = customer.post("/api/v1/tickets/" + ticket + "/messages", Map.of("body", text));
        assertThat(message.status()).as(message.toString()).isEqualTo(201);
        assertThat(message.get("body")).isEqualTo(text);
    }

    @Test
    void customersCannotChooseTheChannel() {
        nothingStored(() -> {
            for (String channel : java.util.List.of("email", "api", "fax")) {
                rejected(
                        customer.post(
                                "/api/v1/tickets", Map.of("subject", "s", "description", "d", "channel", channel)),
                        400,
                        "channel");
            }
        });
        Api.Response byAgent = agent().post(
                        "/api/v1/tickets",
                        Map.of(
                                "subject",
                                "s",
                                "description",
                                "d",
                                "channel",
                                "email",
                                "organizationId",
                                organization()));
        assertThat(byAgent.status()).as(byAgent.toString()).isEqualTo(201);
        assertThat(byAgent.get("channel")).isEqualTo("email");
    }

    @Test
    void staffSayWhetherAMessageIsPublicOrInternal() {
        Api agent = agent();
        nothingStored(() -> {
            rejected(agent.post("/api/v1/tickets/" + ticket + "/messages", Map.of("body", "hi")), 400, "visibility");
            rejected(admin.post("/api/v1/tickets/" + ticket + "/messages", Map.of("body", "hi")), 400, "visibility");
        });
        Api.Response fromCustomer = customer.post("/api/v1/tickets/" + ticket + "/messages", Map.of("body", "hi"));
        assertThat(fromCustomer.status()).isEqualTo(201);
        assertThat(fromCustomer.get("visibility")).isEqualTo("public");
        Api.Response note =
                agent.post("/api/v1/tickets/" + ticket + "/messages", Map.of("body", "note", "visibility", "internal"));
        assertThat(note.get("visibility")).isEqualTo("internal");
    }
}
