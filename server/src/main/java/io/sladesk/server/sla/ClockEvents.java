package io.sladesk.server.sla;

import io.sladesk.server.policy.EscalationLevel;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.ticket.TicketSummary;
import java.time.Instant;
import java.util.List;

/**
 * What happened to clocks, for other modules (escalation, notification) to act on. Each
 * carries the ticket as it stood, so no listener reads it again.
 */
public final class ClockEvents {
    private ClockEvents() {}

    /** A new ticket's clocks started: the promises made to its customer. */
    public record ClocksStarted(TicketSummary ticket, Instant firstResponseDue, Instant resolutionDue) {}

    /** A warning or a breach recorded on a clock. */
    public sealed interface Recorded permits ClockWarned, ClockBreached {
        TicketSummary ticket();
    }

    public record ClockWarned(TicketSummary ticket, Metric metric, Instant dueAt, Instant at) implements Recorded {}

    /**
     * A breach recorded: {@code dueAt} is the due instant, {@code at} when it was recorded;
     * {@code byTimer} is false for breaches found by an import, retarget or late stop.
     */
    public record ClockBreached(TicketSummary ticket, Metric metric, Instant dueAt, Instant at, boolean byTimer)
            implements Recorded {}

    /** An escalation level reached (once), with the instant it was due and what the ladder says to do. */
    public record EscalationDue(TicketSummary ticket, EscalationLevel level, Instant dueAt, Instant at) {}

    /**
     * What one batch of due timers did, published once for the batch (instead of a {@link
     * ClockWarned}, {@link ClockBreached} or {@link EscalationDue} each) so that listeners
     * do their work per batch: {@code recorded} holds the warnings and breaches in the order
     * recorded (ticket by ticket in the batch's order, a ticket's in the order its timers
     * applied), {@code escalations} the levels reached, in the same order, to act on after
     * them. Never empty.
     */
    public record TimersFired(List<Recorded> recorded, List<EscalationDue> escalations) {}
}
