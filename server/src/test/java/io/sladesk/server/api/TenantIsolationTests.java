package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A customer acts only within their organization: everything else does not exist for them. */
class TenantIsolationTests extends DeskTest {
    private String ourOrg;
    private String theirOrg;
    private Api us;
    private Api them;
    private String theirTicket;

    @BeforeEach
    void twoOrganizations() {
        ourOrg = organization();
        theirOrg = organization();
        us = customer(ourOrg);
        them = customer(theirOrg);
        theirTicket = ticket(them, "P2");
    }

    @Test
    void everyTicketEndpointAnswers404ForAnotherOrganizationsTicket() {
        String t = "/api/v1/tickets/" + theirTicket;
        Api.Response[] answers = {
            us.get(t),
            us.get(t + "/messages"),
            us.post(t + "/messages", Map.of("body", "peek")),
            us.post(t + "/status", Map.of("status", "solved")),
            us.post(t + "/assign", Map.of("assigneeId", userId(us))),
            us.post(t + "/severity", Map.of("severity", "P1", "reason", "x")),
            us.get(t + "/timeline"),
        };
        for (Api.Response r : answers) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("Help", "It broke");
        }
        // and nothing changed
        Api.Response theirs = them.get(t);
        assertThat(theirs.get("status")).isEqualTo("new");
        assertThat(them.get(t + "/messages").json().get("items").size()).isZero();
    }

    @Test
    void aCustomersListHoldsOnlyTheirOrganizationsTickets() {
        String ours = ticket(us, "P3");
        assertThat(fields(us.get("/api/v1/tickets"), "items", "id"))
                .contains(ours)
                .doesNotContain(theirTicket);
        // filtering by another organization shows nothing of it: the filter itself is refused
        Api.Response theirs = us.get("/api/v1/tickets?organizationId=" + theirOrg);
        assertThat(theirs.status()).isEqualTo(400);
        assertThat(theirs.body()).doesNotContain(theirTicket);
    }

    @Test
    void aCustomersTicketAlwaysLandsInTheirOwnOrganization() {
        Api.Response r =
                us.post("/api/v1/tickets", Map.of("subject", "s", "description", "d", "organizationId", theirOrg));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.get("organizationId")).isEqualTo(ourOrg);
    }

    @Test
    void customersNeverSeeInternalNotesOrInternalEvents() {
        Api agent = agent();
        String t = "/api/v1/tickets/" + theirTicket;
        agent.post(t + "/messages", Map.of("body", "secret note", "visibility", "internal"));
        agent.post(t + "/assign", Map.of("assigneeId", userId(agent)));
        assertThat(them.get(t + "/messages").body()).doesNotContain("secret note");
        assertThat(fields(them.get(t + "/timeline"), "items", "type")).doesNotContain("message.internal", "assigned");
        assertThat(fields(agent.get(t + "/timeline"), "items", "type")).contains("message.internal", "assigned");
    }

    @Test
    void customersCannotReadOtherOrganizationsNorConfigure() {
        assertThat(us.get("/api/v1/organizations/" + theirOrg).status()).isEqualTo(404);
        assertThat(us.get("/api/v1/organizations/" + ourOrg).status()).isEqualTo(200);
        assertThat(us.get("/api/v1/organizations").status()).isEqualTo(403);
        assertThat(us.post("/api/v1/organizations", Map.of("name", unique("x"), "plan", "Pro"))
                        .status())
                .isEqualTo(403);
        assertThat(us.post("/api/v1/users", Map.of("email", "a@b.co", "name", "n", "role", "admin"))
                        .status())
                .isEqualTo(403);
        assertThat(agent().post("/api/v1/groups", Map.of("name", unique("g"))).status())
                .isEqualTo(403);
        assertThat(us.get("/api/v1/users/" + userId(them)).status()).isEqualTo(404);
    }
}
