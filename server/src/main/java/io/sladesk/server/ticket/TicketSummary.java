package io.sladesk.server.ticket;

import io.sladesk.server.kernel.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * A ticket as it stood when an event was recorded: what listeners in other modules
 * (clocks, escalation, mail, webhooks) need, so none of them reads the ticket again.
 */
public record TicketSummary(
        UUID id,
        long number,
        String subject,
        UUID organizationId,
        UUID requesterId,
        UUID assigneeId,
        UUID groupId,
        Severity severity,
        TicketStatus status,
        Priority priority,
        Channel channel,
        Instant createdAt) {}
