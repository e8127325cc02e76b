package io.sladesk.server.ticket;

import io.sladesk.server.kernel.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to tickets, published in the transaction that changed them, for other
 * modules (SLA clocks, notifications) to react to.
 */
public final class TicketEvents {
    private TicketEvents() {}

    public record TicketCreated(
            UUID ticketId,
            UUID organizationId,
            Severity severity,
            Channel channel,
            Instant createdAt,
            boolean imported) {}

    public record MessagePosted(
            UUID ticketId, UUID messageId, UUID authorId, boolean byStaff, Visibility visibility, Instant at) {}

    public record StatusChanged(UUID ticketId, TicketStatus from, TicketStatus to, UUID actorId, Instant at) {}

    public record SeverityChanged(UUID ticketId, Severity from, Severity to, String reason, UUID actorId, Instant at) {}

    /** A customer asked for a severity re-evaluation; its answer is due by the requested severity's target. */
    public record ReevaluationRequested(
            UUID ticketId, UUID reevaluationId, UUID organizationId, Severity requested, Instant at) {}

    /** A re-evaluation request was accepted, declined or withdrawn. */
    public record ReevaluationClosed(UUID ticketId, UUID reevaluationId, String status, Instant at) {}

    public record TicketAssigned(UUID ticketId, UUID assigneeId, UUID groupId, UUID actorId, Instant at) {}
}
