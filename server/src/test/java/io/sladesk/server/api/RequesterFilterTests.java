package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/tickets?requesterId=}: a requester's tickets, {@code me} the viewer's own. */
class RequesterFilterTests extends DeskTest {

    @Test
    void aCustomerListsTheirOwnOpenTicketsOrAColleaguesButNoOutsidersTickets() {
        String org = organization();
        Api ana = customer(org);
        Api bo = customer(org);
        String anasOpen = ticket(ana, "P3");
        String anasSolved = ticket(ana, "P4");
        assertThat(ana.post("/api/v1/tickets/" + anasSolved + "/status", Map.of("status", "solved"))
                        .status())
                .isEqualTo(200);
        String bos = ticket(bo, "P2");

        String working = "&status=new,open,pending,on_hold";
        assertThat(fields(ana.get("/api/v1/tickets?requesterId=me" + working), "items", "id"))
                .containsExactly(anasOpen);
        assertThat(fields(ana.get("/api/v1/tickets?requesterId=me"), "items", "id"))
                .containsExactlyInAnyOrder(anasOpen, anasSolved);
        // a colleague of the same organization may be named, and "me" is the one asking
        assertThat(fields(ana.get("/api/v1/tickets?requesterId=" + userId(bo)), "items", "id"))
                .containsExactly(bos);
        assertThat(fields(bo.get("/api/v1/tickets?requesterId=me"), "items", "id"))
                .containsExactly(bos);
        // without the filter the organization's tickets are all there
        assertThat(fields(ana.get("/api/v1/tickets?limit=200"), "items", "id")).contains(anasOpen, anasSolved, bos);

        // someone of another organization: named like an organization one cannot see
        Api outsider = customer(organization());
        ticket(outsider, "P3");
        Api.Response foreign = ana.get("/api/v1/tickets?requesterId=" + userId(outsider));
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        assertThat(fields(foreign, "errors", "field")).containsExactly("requesterId");
        Api.Response malformed = ana.get("/api/v1/tickets?requesterId=ana");
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(fields(malformed, "errors", "field")).containsExactly("requesterId");

        // staff name any requester
        Api agent = agent();
        assertThat(fields(agent.get("/api/v1/tickets?requesterId=" + userId(outsider)), "items", "organizationId"))
                .hasSize(1);
        assertThat(fields(agent.get("/api/v1/tickets?requesterId=" + userId(ana) + working), "items", "id"))
                .containsExactly(anasOpen);
    }
}
