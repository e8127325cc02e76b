package io.sladesk.server.ticket;

import io.sladesk.server.kernel.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to tickets, published in the transaction that changed them, for other
 * modules (SLA clocks, escalation, notifications) to react to. Each carries the ticket as
 * it stood then ({@link TicketSummary}) and the values of the change, so no listener reads
 * the ticket again.
 */
public final class TicketEvents {
    private TicketEvents() {}

    public record TicketCreated(TicketSummary ticket, String description, boolean imported) {
        public UUID ticketId() {
            return ticket.id();
        }
    }

    public record MessagePosted(
            TicketSummary ticket,
            UUID messageId,
            UUID authorId,
            boolean byStaff,
            Visibility visibility,
            String body,
            Instant at) {
        public UUID ticketId() {
            return ticket.id();
        }
    }

    public record StatusChanged(TicketSummary ticket, TicketStatus from, TicketStatus to, UUID actorId, Instant at) {
        public UUID ticketId() {
            return ticket.id();
        }
    }

    public record SeverityChanged(
            TicketSummary ticket, Severity from, Severity to, String reason, UUID actorId, Instant at) {
        public UUID ticketId() {
            return ticket.id();
        }
    }

    /** A customer asked for a severity re-evaluation; its answer is due by the requested severity's target. */
    public record ReevaluationRequested(
            TicketSummary ticket, UUID reevaluationId, Severity requested, String reason, Instant at) {
        public UUID ticketId() {
            return ticket.id();
        }
    }

    /** A re-evaluation request was accepted, declined or withdrawn. */
    public record ReevaluationClosed(TicketSummary ticket, UUID reevaluationId, ReevaluationStatus status, Instant at) {
        public UUID ticketId() {
            return ticket.id();
        }
    }

    public record TicketAssigned(TicketSummary ticket, UUID assigneeId, UUID groupId, UUID actorId, Instant at) {
        public UUID ticketId() {
            return ticket.id();
        }
    }
}
