package io.sladesk.server.ticket;

import io.sladesk.server.kernel.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer's request to re-evaluate a ticket's severity. {@code dueAt} is its own
 * response target: the first-response target of the requested severity.
 */
public record Reevaluation(
        UUID id,
        UUID ticketId,
        UUID requesterId,
        Severity fromSeverity,
        Severity requestedSeverity,
        String reason,
        String status,
        Instant createdAt,
        Instant dueAt,
        UUID decidedBy,
        Instant decidedAt,
        String decisionReason) {}
