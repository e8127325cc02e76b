package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's queues: which ticket is in which, in what order, and the search. */
class ConsoleQueueTests extends DeskTest {

    private String email(Api api) {
        return api.get("/api/v1/me").get("email");
    }

    private String number(Api api, String id) {
        return api.get("/api/v1/tickets/" + id).get("number");
    }

    @Test
    void breachingSoonHoldsWarnedTicketsAndBreachedHoldsBreachedOnes() {
        String org = organization();
        Api customer = customer(org);
        Api agent = agent();
        String subjectSoon = unique("Warned");
        Api.Response soon =
                customer.post("/api/v1/tickets", Map.of("subject", subjectSoon, "description", "x", "severity", "P1"));
        // an import whose promises were already missed
        String subjectLate = unique("Imported late");
        Api.Response late = admin.post(
                "/api/v1/tickets",
                Map.of(
                        "subject",
                        subjectLate,
                        "description",
                        "y",
                        "severity",
                        "P1",
                        "organizationId",
                        org,
                        "requesterEmail",
                        email(customer),
                        "createdAt",
                        clock.instant().minus(Duration.ofHours(2)).toString()));
        assertThat(late.status()).as(late.toString()).isEqualTo(201);
        // 40 of P1's 45 minutes: past the warning share (75 %), not yet due
        clock.advance(Duration.ofMinutes(40));

        PageClient a = new PageClient(port);
        a.signIn(email(agent), "correct-horse-1");
        String soonQueue = a.get("/console?queue=soon").body();
        assertThat(soonQueue).contains(subjectSoon).doesNotContain(subjectLate);
        String breached = a.get("/console?queue=breached").body();
        assertThat(breached).contains(subjectLate, "Missed").doesNotContain(subjectSoon);
        // the rows fragment htmx swaps holds the same
        assertThat(a.get("/console/rows?queue=breached").body())
                .contains(subjectLate)
                .doesNotContain("<html");
        // nearest due first: the late one (its due instant long past) leads the queue
        String all = a.get("/console?queue=all&org=" + org).body();
        assertThat(all.indexOf(subjectLate)).isLessThan(all.indexOf(subjectSoon));
        // filters and search
        assertThat(a.get("/console?queue=all&severity=P2&org=" + org).body()).doesNotContain(subjectSoon);
        assertThat(a.get("/console?queue=all&q=" + number(customer, soon.get("id")))
                        .body())
                .contains(subjectSoon);
        customer.post("/api/v1/tickets/" + soon.get("id") + "/messages", Map.of("body", "the word zanzibar-42"));
        assertThat(a.get("/console?queue=all&q=zanzibar-42").body())
                .contains(subjectSoon)
                .doesNotContain(subjectLate);
        assertThat(a.get("/console?queue=all&q=" + email(customer)).body()).contains(subjectSoon, subjectLate);
        // a search of LIKE's own characters finds only what has them
        assertThat(a.get("/console?queue=all&q=%25%25").body()).doesNotContain(subjectSoon);
    }

    @Test
    void theNextTicketShortcutMovesAlongTheQueue() {
        String org = organization();
        Api customer = customer(org);
        Api agent = agent();
        String first = customer.post(
                        "/api/v1/tickets", Map.of("subject", unique("First"), "description", "x", "severity", "P1"))
                .get("id");
        String second = customer.post(
                        "/api/v1/tickets", Map.of("subject", unique("Second"), "description", "x", "severity", "P4"))
                .get("id");
        PageClient a = new PageClient(port);
        a.signIn(email(agent), "correct-horse-1");
        String n1 = number(customer, first);
        String n2 = number(customer, second);
        var r = a.get("/console/next?queue=all&org=" + org + "&after=" + n1);
        assertThat(r.headers().firstValue("Location").orElseThrow()).contains("/console/tickets/" + n2);
    }

    @Test
    void customersCannotReadTheConsoleRows() {
        Api customer = customer(organization());
        PageClient c = new PageClient(port);
        c.signIn(email(customer), "correct-horse-1");
        assertThat(c.get("/console/rows?queue=all").statusCode()).isEqualTo(403);
    }
}
