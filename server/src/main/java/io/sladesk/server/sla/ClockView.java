package io.sladesk.server.sla;

import io.sladesk.server.policy.Target;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock as the API shows it. {@code status} is running, paused, met or breached; a
 * running clock past its due instant reads as breached even before the breach is recorded.
 */
public record ClockView(
        Target target,
        Instant dueAt,
        Duration remaining,
        String status,
        Instant startedAt,
        Instant stoppedAt,
        Instant breachedAt) {}
