package io.sladesk.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Real mail to a real SMTP server (GreenMail), in both languages, threaded per ticket. */
class MailTests extends DeskTest {

    @Autowired
    io.sladesk.server.platform.Outbox outbox;

    @BeforeEach
    void emptyMailbox() throws Exception {
        outbox.deliverDue("mail");
        MAIL.purgeEmailFromAllMailboxes();
    }

    private List<MimeMessage> to(String address) {
        return Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().equals(address));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private Api customerWith(String org, String email, String language) {
        Api.Response r = admin.post(
                "/api/v1/users",
                Map.of(
                        "email",
                        email,
                        "name",
                        "C",
                        "role",
                        "customer",
                        "organizationId",
                        org,
                        "password",
                        "correct-horse-1",
                        "language",
                        language));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return anonymous.signIn(email, "correct-horse-1");
    }

    @Test
    void aCustomerIsToldTheTicketWasReceivedWithThePromisedTimesAndRepliesThreadOnIt() throws Exception {
        String org = admin.post(
                        "/api/v1/organizations", Map.of("name", unique("o"), "plan", "Pro", "timeZone", "Asia/Taipei"))
                .get("id");
        String email = unique("en") + "@example.com";
        Api customer = customerWith(org, email, "en");
        Api agent = agent();
        String ticket = ticket(customer, "P1");
        agent.post(
                "/api/v1/tickets/" + ticket + "/messages",
                Map.of("body", "We are looking into it.", "visibility", "public"));
        assertThat(outbox.deliverDue("mail")).isEqualTo(2);

        List<MimeMessage> mails = to(email);
        assertThat(mails).hasSize(2);
        MimeMessage received = mails.get(0);
        assertThat(received.getSubject()).startsWith("[#").contains("We received your request: Help");
        String body = (String) received.getContent();
        assertThat(body).contains("severity P1").contains("(Asia/Taipei)").contains("We will respond by");
        String thread = received.getHeader("Message-ID")[0];
        assertThat(thread).isEqualTo("<ticket-" + ticket + "@sladesk.local>");
        MimeMessage reply = mails.get(1);
        assertThat((String) reply.getContent()).contains("We are looking into it.");
        assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo(thread);
        assertThat(reply.getHeader("References")[0]).isEqualTo(thread);
        assertThat(reply.getHeader("Message-ID")[0]).isNotEqualTo(thread);

        assertThat(outbox.deliverDue("mail")).as("each email once").isZero();
    }

    @Test
    void traditionalChineseReadersGetTraditionalChinese() throws Exception {
        String org = organization();
        String email = unique("zh") + "@example.com";
        Api customer = customerWith(org, email, "zh-TW");
        Api agent = agent();
        String ticket = ticket(customer, "P2");
        agent.post("/api/v1/tickets/" + ticket + "/severity", Map.of("severity", "P1", "reason", "全部使用者無法登入"));
        outbox.deliverDue("mail");
        List<MimeMessage> mails = to(email);
        assertThat(mails).hasSize(2);
        assertThat(mails.get(0).getSubject()).contains("我們已收到您的請求");
        assertThat((String) mails.get(0).getContent()).contains("嚴重程度 P2");
        assertThat(mails.get(1).getSubject()).contains("嚴重程度已變更為 P1");
        assertThat((String) mails.get(1).getContent()).contains("原因：全部使用者無法登入");
    }

    @Test
    void agentsAreToldOfAssignmentsAndTamsOfNewUrgentTickets() throws Exception {
        String tamEmail = unique("tam") + "@example.com";
        Api.Response tam = admin.post(
                "/api/v1/users",
                Map.of("email", tamEmail, "name", "Tam", "role", "agent", "password", "correct-horse-1"));
        String org = admin.post(
                        "/api/v1/organizations",
                        Map.of("name", unique("o"), "plan", "Pro + TAM", "tamUserId", tam.get("id")))
                .get("id");
        Api customer = customer(org);
        String agentEmail = unique("agent") + "@example.com";
        admin.post(
                "/api/v1/users",
                Map.of("email", agentEmail, "name", "A", "role", "agent", "password", "correct-horse-1"));
        Api agent = anonymous.signIn(agentEmail, "correct-horse-1");
        String ticket = ticket(customer, "P2");
        admin.post("/api/v1/tickets/" + ticket + "/assign", Map.of("assigneeId", userId(agent)));
        outbox.deliverDue("mail");
        assertThat(to(tamEmail)).hasSize(1);
        assertThat(to(tamEmail).get(0).getSubject()).contains("New P2 ticket");
        assertThat(to(agentEmail)).hasSize(1);
        assertThat(to(agentEmail).get(0).getSubject()).contains("Assigned to you");
    }
}
