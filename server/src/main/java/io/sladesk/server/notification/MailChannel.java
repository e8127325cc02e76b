package io.sladesk.server.notification;

import io.sladesk.server.platform.Outbox;
import io.sladesk.server.platform.OutboxChannel;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Email over SMTP, as the outbox's {@code mail} channel: sends one written email, threaded on its ticket. */
@Component
class MailChannel implements OutboxChannel {
    static final String NAME = "mail";

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;
    private final int maxAttempts;

    MailChannel(
            ObjectProvider<JavaMailSender> sender,
            @Value("${sladesk.mail.from:support@sladesk.local}") String from,
            @Value("${sladesk.mail.max-attempts:10}") int maxAttempts) {
        this.sender = sender;
        this.from = from;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return sender.getIfAvailable() != null;
    }

    /** One after another, in the order written: a ticket's first email (its thread) before the replies. */
    @Override
    public boolean sendsSideBySide() {
        return false;
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public Duration firstBackoff() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration longestBackoff() {
        return Duration.ofHours(1);
    }

    @Override
    public Result send(Outbox.Message m) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) return Result.failed(null, "no SMTP server configured");
        String messageId = m.headers().get("messageId");
        String thread = m.headers().get("thread");
        try {
            Session session = mail instanceof JavaMailSenderImpl impl ? impl.getSession() : null;
            MimeMessage msg = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId); // ours, so replies thread on it
                }
            };
            msg.setFrom(new InternetAddress(from));
            msg.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(m.destination()));
            msg.setSubject(m.headers().get("subject"), "UTF-8");
            msg.setText(m.payload(), "UTF-8");
            if (!messageId.equals(thread)) {
                msg.setHeader("In-Reply-To", thread);
                msg.setHeader("References", thread);
            }
            mail.send(msg);
            return Result.ok(null);
        } catch (Exception e) {
            return Result.failed(
                    null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
