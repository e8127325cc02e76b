package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The TAM add-on: who may be a TAM, following, being told (or the backup when away), assignment. */
class TamTests extends DeskTest {

    @Autowired
    io.sladesk.server.platform.Outbox outbox;

    @Autowired
    io.sladesk.server.sla.TimerProbe timers;

    @BeforeEach
    void emptyMailbox() throws Exception {
        outbox.deliverDue("mail");
        MAIL.purgeEmailFromAllMailboxes();
    }

    private record Staff(String id, String email, Api api) {}

    private Staff staff() {
        String email = unique("agent") + "@example.com";
        Api.Response r = admin.post(
                "/api/v1/users",
                Map.of("email", email, "name", "Agent", "role", "agent", "password", "correct-horse-1"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Staff(r.get("id"), email, anonymous.signIn(email, "correct-horse-1"));
    }

    private String tamOrganization(Staff tam, Staff backup, boolean assignToTam) {
        Map<String, Object> body = new HashMap<>(
                Map.of("name", unique("acct"), "plan", "Pro + TAM", "tamUserId", tam.id(), "assignToTam", assignToTam));
        if (backup != null) body.put("backupTamUserId", backup.id());
        Api.Response r = admin.post("/api/v1/organizations", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id");
    }

    private List<String> subjectsTo(String address) throws Exception {
        outbox.deliverDue("mail");
        return Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> recipients(m).contains(address))
                .map(m -> {
                    try {
                        return m.getSubject();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getAllRecipients()).map(Object::toString).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> followers(Api.Response ticket) {
        return ticket.json().get("followers").values().stream()
                .map(n -> n.asString())
                .toList();
    }

    @Test
    void onlyAPlanWithTheAddOnNamesATamAndATamIsAnActiveAgent() {
        Staff tam = staff();
        String org = organization(); // on Pro, which has no add-on
        Api.Response onPro = admin.send(
                "PATCH",
                "/api/v1/organizations/" + org,
                "application/json",
                "{\"tamUserId\":\"" + tam.id() + "\"}",
                Map.of());
        assertThat(onPro.status()).as(onPro.toString()).isEqualTo(400);
        assertThat(onPro.body()).contains("tamUserId").contains("TAM add-on");
        Api.Response created =
                admin.post("/api/v1/organizations", Map.of("name", unique("o"), "plan", "Pro", "tamUserId", tam.id()));
        assertThat(created.status()).isEqualTo(400);
        assertThat(created.body()).contains("tamUserId");

        String customerId = userId(customer(org));
        Api.Response notAgent = admin.post(
                "/api/v1/organizations", Map.of("name", unique("o"), "plan", "Pro + TAM", "tamUserId", customerId));
        assertThat(notAgent.status()).isEqualTo(400);
        assertThat(notAgent.body()).contains("tamUserId").contains("agent");
        Api.Response backupNotAgent = admin.post(
                "/api/v1/organizations",
                Map.of("name", unique("o"), "plan", "Pro + TAM", "tamUserId", tam.id(), "backupTamUserId", customerId));
        assertThat(backupNotAgent.status()).isEqualTo(400);
        assertThat(backupNotAgent.body()).contains("backupTamUserId");
        assertThat(admin.post(
                                "/api/v1/organizations",
                                Map.of("name", unique("o"), "plan", "Pro + TAM", "backupTamUserId", tam.id()))
                        .body())
                .as("a backup without a TAM")
                .contains("backupTamUserId");

        // a plan that gains the add-on lets the organization name its TAM
        Api.Response plan = admin.post("/api/v1/plans", Map.of("name", unique("Plan"), "policyId", "Pro"));
        assertThat(plan.json().get("tam").asBoolean()).isFalse();
        String other = admin.post("/api/v1/organizations", Map.of("name", unique("o"), "plan", plan.get("id")))
                .get("id");
        assertThat(admin.send(
                                "PATCH",
                                "/api/v1/plans/" + plan.get("id"),
                                "application/json",
                                "{\"tam\":true}",
                                Map.of())
                        .json()
                        .get("tam")
                        .asBoolean())
                .isTrue();
        Api.Response named = admin.send(
                "PATCH",
                "/api/v1/organizations/" + other,
                "application/json",
                "{\"tamUserId\":\"" + tam.id() + "\"}",
                Map.of());
        assertThat(named.status()).as(named.toString()).isEqualTo(200);
        assertThat(named.get("tamUserId")).isEqualTo(tam.id());
        // ...and cannot lose the add-on while an organization names a TAM
        Api.Response drop =
                admin.send("PATCH", "/api/v1/plans/" + plan.get("id"), "application/json", "{\"tam\":false}", Map.of());
        assertThat(drop.status()).isEqualTo(400);
        assertThat(drop.body()).contains("tam");
        // moving to a plan without the add-on needs the TAM cleared in the same request
        Api.Response move = admin.send(
                "PATCH", "/api/v1/organizations/" + other, "application/json", "{\"plan\":\"Pro\"}", Map.of());
        assertThat(move.status()).isEqualTo(400);
        assertThat(move.body()).contains("plan");
        Api.Response cleared = admin.send(
                "PATCH",
                "/api/v1/organizations/" + other,
                "application/json",
                "{\"plan\":\"Pro\",\"tamUserId\":null}",
                Map.of());
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().has("tamUserId")).isFalse();
    }

    @Test
    void theTamFollowsEveryTicketAgentsFollowAndUnfollowAndANewTamTakesOver() {
        Staff tam = staff();
        Staff other = staff();
        String org = tamOrganization(tam, null, false);
        Api customer = customer(org);
        String ticket = ticket(customer, "P3");
        Api.Response seen = other.api().get("/api/v1/tickets/" + ticket);
        assertThat(followers(seen)).containsExactly(tam.id());
        assertThat(customer.get("/api/v1/tickets/" + ticket).json().has("followers"))
                .as("customers do not see who follows")
                .isFalse();

        Api.Response follow = other.api().post("/api/v1/tickets/" + ticket + "/followers/" + other.id(), Map.of());
        assertThat(follow.status()).as(follow.toString()).isEqualTo(200);
        assertThat(followers(follow)).containsExactly(tam.id(), other.id());
        assertThat(followers(other.api().post("/api/v1/tickets/" + ticket + "/followers/" + other.id(), Map.of())))
                .as("following twice is no change")
                .containsExactly(tam.id(), other.id());
        String customerId = userId(customer);
        Api.Response customerFollows =
                other.api().post("/api/v1/tickets/" + ticket + "/followers/" + customerId, Map.of());
        assertThat(customerFollows.status()).isEqualTo(400);
        assertThat(customerFollows.body()).contains("userId");
        assertThat(customer.post("/api/v1/tickets/" + ticket + "/followers/" + customerId, Map.of())
                        .status())
                .isEqualTo(403);
        // another organization's customer cannot even find the ticket
        Api stranger = customer(organization());
        assertThat(stranger.delete("/api/v1/tickets/" + ticket + "/followers/" + tam.id())
                        .status())
                .isIn(403, 404);

        Api.Response tamStays = other.api().delete("/api/v1/tickets/" + ticket + "/followers/" + tam.id());
        assertThat(tamStays.status())
                .as("the TAM follows every ticket of the account")
                .isEqualTo(409);
        Staff gone = staff();
        admin.send("PATCH", "/api/v1/users/" + gone.id(), "application/json", "{\"active\":false}", Map.of());
        Api.Response deactivated = other.api().post("/api/v1/tickets/" + ticket + "/followers/" + gone.id(), Map.of());
        assertThat(deactivated.status()).isEqualTo(400);
        assertThat(deactivated.body()).contains("userId").contains("deactivated");

        Api.Response unfollow = other.api().delete("/api/v1/tickets/" + ticket + "/followers/" + other.id());
        assertThat(unfollow.status()).isEqualTo(200);
        assertThat(followers(unfollow)).containsExactly(tam.id());

        // a new TAM follows the tickets of the account not closed; the previous TAM's follow ends
        other.api().post("/api/v1/tickets/" + ticket + "/followers/" + other.id(), Map.of());
        String closed = ticket(customer, "P4");
        other.api().post("/api/v1/tickets/" + closed + "/status", Map.of("status", "solved"));
        other.api().post("/api/v1/tickets/" + closed + "/status", Map.of("status", "closed"));
        Staff next = staff();
        Api.Response changed = admin.send(
                "PATCH",
                "/api/v1/organizations/" + org,
                "application/json",
                "{\"tamUserId\":\"" + next.id() + "\"}",
                Map.of());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(followers(other.api().get("/api/v1/tickets/" + ticket))).containsExactly(next.id(), other.id());
        assertThat(followers(other.api().get("/api/v1/tickets/" + closed)))
                .as("a closed ticket keeps its history")
                .containsExactly(tam.id());
    }

    @Test
    void theTamIsToldOfUrgentTicketsRequestsAndBreachesAndTheBackupWhileTheTamIsAway() throws Exception {
        Staff tam = staff();
        Staff backup = staff();
        String org = tamOrganization(tam, backup, false);
        Api customer = customer(org);

        ticket(customer, "P4");
        ticket(customer, "P1");
        assertThat(subjectsTo(tam.email()))
                .as("P1 and P2 only")
                .hasSize(1)
                .first()
                .asString()
                .contains("New P1");
        assertThat(subjectsTo(backup.email())).isEmpty();

        // the TAM marks themselves away: the backup is told instead
        Api.Response away =
                tam.api().send("PATCH", "/api/v1/users/" + tam.id(), "application/json", "{\"away\":true}", Map.of());
        assertThat(away.status()).as(away.toString()).isEqualTo(200);
        assertThat(away.json().get("away").asBoolean()).isTrue();
        MAIL.purgeEmailFromAllMailboxes();
        String urgent = ticket(customer, "P2");
        assertThat(subjectsTo(backup.email())).hasSize(1).first().asString().contains("New P2");
        assertThat(subjectsTo(tam.email())).isEmpty();

        Api.Response asked = customer.post(
                "/api/v1/tickets/" + urgent + "/reevaluations",
                Map.of("requestedSeverity", "P1", "reason", "the whole team is blocked"));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
        assertThat(subjectsTo(backup.email())).anyMatch(s -> s.contains("Re-evaluation requested"));

        // the P2's first response (2 h) breaches: the backup hears of the warning and the breach
        clock.advance(java.time.Duration.ofHours(2).plusSeconds(1));
        timers.runUntilIdle();
        List<String> toBackup = subjectsTo(backup.email());
        assertThat(toBackup).anyMatch(s -> s.contains("At risk"));
        assertThat(toBackup).anyMatch(s -> s.contains("SLA breached"));
        assertThat(subjectsTo(tam.email())).isEmpty();

        // a customer cannot mark anyone away
        Api.Response customerAway = customer.send(
                "PATCH", "/api/v1/users/" + userId(customer), "application/json", "{\"away\":true}", Map.of());
        assertThat(customerAway.status()).isEqualTo(400);
        assertThat(customerAway.body()).contains("away");
    }

    @Test
    void newTicketsGoToTheTamFirstAndToTheBackupWhileTheTamIsAway() {
        Staff tam = staff();
        Staff backup = staff();
        String org = tamOrganization(tam, backup, true);
        Api customer = customer(org);
        String first = ticket(customer, "P3");
        assertThat(tam.api().get("/api/v1/tickets/" + first).get("assigneeId")).isEqualTo(tam.id());
        admin.send("PATCH", "/api/v1/users/" + tam.id(), "application/json", "{\"away\":true}", Map.of());
        String second = ticket(customer, "P3");
        assertThat(tam.api().get("/api/v1/tickets/" + second).get("assigneeId")).isEqualTo(backup.id());
        admin.send("PATCH", "/api/v1/users/" + tam.id(), "application/json", "{\"away\":false}", Map.of());
        admin.send("PATCH", "/api/v1/organizations/" + org, "application/json", "{\"assignToTam\":false}", Map.of());
        String third = ticket(customer, "P3");
        assertThat(tam.api().get("/api/v1/tickets/" + third).json().has("assigneeId"))
                .isFalse();
    }
}
