package io.sladesk.server.ticket;

import io.sladesk.server.kernel.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer's request to re-evaluate a ticket's severity. Its response target (the
 * first-response target of the requested severity) is an SLA fact: the SLA module's
 * re-evaluation clock owns it.
 */
public record Reevaluation(
        UUID id,
        UUID ticketId,
        UUID requesterId,
        Severity fromSeverity,
        Severity requestedSeverity,
        String reason,
        ReevaluationStatus status,
        Instant createdAt,
        UUID decidedBy,
        Instant decidedAt,
        String decisionReason) {}
