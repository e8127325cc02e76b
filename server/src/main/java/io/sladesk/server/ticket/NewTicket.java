package io.sladesk.server.ticket;

import java.util.UUID;

/**
 * A request to open a ticket, as sent (unvalidated). {@code articleId} is the ticket's
 * context: the knowledge-base article the customer read before contacting support (set by
 * the kb module's "No, contact support", never by a ticket request's body).
 */
public record NewTicket(
        String subject,
        String description,
        String severity,
        String organizationId,
        String requesterEmail,
        String channel,
        String createdAt,
        UUID articleId) {

    public NewTicket(
            String subject,
            String description,
            String severity,
            String organizationId,
            String requesterEmail,
            String channel,
            String createdAt) {
        this(subject, description, severity, organizationId, requesterEmail, channel, createdAt, null);
    }
}
