package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The console's queues through the API: {@code view=} and {@code q=} on the ticket list. */
class QueueApiTests extends DeskTest {

    private static List<String> subjects(Api.Response r) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : r.json().get("items")) out.add(t.get("subject").asString());
        return out;
    }

    @Test
    void staffAskForAQueueAndSearchIt() {
        String org = organization();
        Api customer = customer(org);
        Api agent = agent();
        String me = agent.get("/api/v1/me").get("id");
        String mine = unique("Mine");
        String loose = unique("Nobody's");
        String soon = unique("Warned");
        String mineId = customer.post("/api/v1/tickets", Map.of("subject", mine, "description", "a", "severity", "P3"))
                .get("id");
        customer.post("/api/v1/tickets", Map.of("subject", loose, "description", "b", "severity", "P3"));
        clock.advance(Duration.ofSeconds(1));
        String soonId = customer.post("/api/v1/tickets", Map.of("subject", soon, "description", "c", "severity", "P1"))
                .get("id");
        assertThat(agent.post("/api/v1/tickets/" + mineId + "/assign", Map.of("assigneeId", me))
                        .status())
                .isEqualTo(200);
        // 40 of P1's 45 first-response minutes: past the warning share, not breached
        clock.advance(Duration.ofMinutes(40));

        String scope = "&organizationId=" + org;
        assertThat(subjects(agent.get("/api/v1/tickets?view=mine" + scope))).containsExactly(mine);
        assertThat(subjects(agent.get("/api/v1/tickets?view=unassigned" + scope)))
                .contains(loose, soon)
                .doesNotContain(mine);
        assertThat(subjects(agent.get("/api/v1/tickets?view=breaching_soon" + scope)))
                .containsExactly(soon);
        assertThat(subjects(agent.get("/api/v1/tickets?view=breached" + scope))).isEmpty();
        // the queue's order: the nearest due first (P1's 45 minutes before P3's hours)
        assertThat(subjects(agent.get("/api/v1/tickets?view=all" + scope)).get(0))
                .isEqualTo(soon);
        // search alone is the "all" queue searched: by text, by number
        assertThat(subjects(agent.get("/api/v1/tickets?q=" + mine.substring(0, mine.length() - 2) + scope)))
                .containsExactly(mine);
        String number = agent.get("/api/v1/tickets/" + soonId).get("number");
        assertThat(subjects(agent.get("/api/v1/tickets?q=%23" + number))).containsExactly(soon);
        // keyset paging walks a queue as the plain list does
        Api.Response first = agent.get("/api/v1/tickets?view=unassigned&limit=1" + scope);
        assertThat(subjects(first)).hasSize(1);
        String next = first.json().get("next").asString();
        Api.Response second = agent.get("/api/v1/tickets?view=unassigned&limit=1&cursor=" + next + scope);
        assertThat(subjects(second)).hasSize(1).doesNotContainAnyElementsOf(subjects(first));
    }

    @Test
    void anUnknownViewIsA400AndCustomersHaveNoQueues() {
        Api agent = agent();
        Api.Response bad = agent.get("/api/v1/tickets?view=urgent");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("view", "breaching_soon");
        Api customer = customer(organization());
        assertThat(customer.get("/api/v1/tickets?view=all").status()).isEqualTo(403);
        assertThat(customer.get("/api/v1/tickets?q=anything").status()).isEqualTo(403);
    }
}
