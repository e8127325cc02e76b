package io.sladesk.server.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends pending emails over SMTP from any server, claimed with a lease like webhook
 * deliveries, so a slow or dead SMTP server delays mail and never a request. Retried with
 * backoff; dead after the limit.
 */
@Component
class Mailer {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectProvider<JavaMailSender> sender;
    private final String from;
    private final int maxAttempts;

    Mailer(
            JdbcClient db,
            TransactionTemplate tx,
            Clock clock,
            ObjectProvider<JavaMailSender> sender,
            @Value("${sladesk.mail.from:support@sladesk.local}") String from,
            @Value("${sladesk.mail.max-attempts:10}") int maxAttempts) {
        this.db = db;
        this.tx = tx;
        this.clock = clock;
        this.sender = sender;
        this.from = from;
        this.maxAttempts = maxAttempts;
    }

    record Outgoing(UUID id, String to, String subject, String body, String messageId, String thread, int attempt) {}

    @Scheduled(fixedDelayString = "${sladesk.mail.sweep:PT1S}")
    void sweep() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            log.warn("Sending mail failed; retrying on the next sweep", e);
        }
    }

    /** Claims and sends every due email; returns how many were attempted. */
    int sendDue() {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) return 0;
        int total = 0;
        List<Outgoing> batch;
        while (!(batch = claim(20)).isEmpty()) {
            for (Outgoing o : batch) send(mail, o);
            total += batch.size();
        }
        return total;
    }

    private List<Outgoing> claim(int n) {
        Instant now = clock.instant();
        return tx.execute(s -> db.sql("with c as materialized (select id from emails where status = 'pending'"
                        + " and next_attempt_at <= ? order by next_attempt_at limit ? for update skip locked)"
                        + " update emails e set next_attempt_at = ?, attempts = e.attempts + 1 from c where e.id = c.id"
                        + " returning e.id, e.to_address, e.subject, e.body, e.message_id, e.thread_id, e.attempts")
                .params(Timestamp.from(now), n, Timestamp.from(now.plusSeconds(60)))
                .query((rs, i) -> new Outgoing(
                        rs.getObject("id", UUID.class),
                        rs.getString("to_address"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getString("message_id"),
                        rs.getString("thread_id"),
                        rs.getInt("attempts")))
                .list());
    }

    private void send(JavaMailSender mail, Outgoing o) {
        String error = null;
        try {
            Session session = mail instanceof JavaMailSenderImpl impl ? impl.getSession() : null;
            MimeMessage m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", o.messageId()); // ours, so replies thread on it
                }
            };
            m.setFrom(new InternetAddress(from));
            m.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(o.to()));
            m.setSubject(o.subject(), "UTF-8");
            m.setText(o.body(), "UTF-8");
            if (!o.messageId().equals(o.thread())) {
                m.setHeader("In-Reply-To", o.thread());
                m.setHeader("References", o.thread());
            }
            mail.send(m);
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        String err = error;
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            if (err == null) {
                db.sql("update emails set status = 'sent', sent_at = ?, last_error = null where id = ?")
                        .params(Timestamp.from(now), o.id())
                        .update();
            } else if (o.attempt() >= maxAttempts) {
                db.sql("update emails set status = 'dead', last_error = ? where id = ?")
                        .params(err, o.id())
                        .update();
            } else {
                Duration backoff = Duration.ofSeconds(30).multipliedBy(1L << Math.min(o.attempt() - 1, 7));
                db.sql("update emails set next_attempt_at = ?, last_error = ? where id = ?")
                        .params(Timestamp.from(now.plus(backoff)), err, o.id())
                        .update();
            }
        });
    }
}
