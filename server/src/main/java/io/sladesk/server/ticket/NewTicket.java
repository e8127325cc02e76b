package io.sladesk.server.ticket;

/** A request to open a ticket, as sent (unvalidated). */
public record NewTicket(
        String subject,
        String description,
        String severity,
        String organizationId,
        String requesterEmail,
        String channel,
        String createdAt) {}
