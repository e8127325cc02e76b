package io.sladesk.server.sla;

import io.sladesk.server.policy.Metric;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What happened to clocks, for other modules (escalation, notification) to act on. */
public final class ClockEvents {
    private ClockEvents() {}

    public record ClockWarned(UUID ticketId, Metric metric, Instant dueAt, Instant at) {}

    /**
     * A breach recorded: {@code dueAt} is the due instant, {@code at} when it was recorded;
     * {@code byTimer} is false for breaches found by an import, retarget or late stop.
     */
    public record ClockBreached(UUID ticketId, Metric metric, Instant dueAt, Instant at, boolean byTimer) {}

    /** An escalation level reached, with the instant it was due and the policy's actions. */
    public record EscalationDue(UUID ticketId, int level, Instant dueAt, Instant at, List<String> actions) {}
}
