package io.sladesk.server.sla;

import io.sladesk.server.policy.EscalationLevel;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.ticket.TicketSummary;
import java.time.Instant;

/**
 * What happened to clocks, for other modules (escalation, notification) to act on. Each
 * carries the ticket as it stood, so no listener reads it again.
 */
public final class ClockEvents {
    private ClockEvents() {}

    /** A new ticket's clocks started: the promises made to its customer. */
    public record ClocksStarted(TicketSummary ticket, Instant firstResponseDue, Instant resolutionDue) {}

    public record ClockWarned(TicketSummary ticket, Metric metric, Instant dueAt, Instant at) {}

    /**
     * A breach recorded: {@code dueAt} is the due instant, {@code at} when it was recorded;
     * {@code byTimer} is false for breaches found by an import, retarget or late stop.
     */
    public record ClockBreached(TicketSummary ticket, Metric metric, Instant dueAt, Instant at, boolean byTimer) {}

    /** An escalation level reached (once), with the instant it was due and what the ladder says to do. */
    public record EscalationDue(TicketSummary ticket, EscalationLevel level, Instant dueAt, Instant at) {}
}
