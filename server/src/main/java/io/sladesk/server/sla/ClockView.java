package io.sladesk.server.sla;

import io.sladesk.server.policy.Target;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock as the API shows it. A running clock past its due instant reads as breached
 * even before the breach is recorded. A breached clock keeps, with {@code breachedAt}, the
 * due instant it missed ({@code missedDueAt}); a later retarget moves {@code dueAt} but
 * never those two, so the lateness {@code breachedAt − missedDueAt} is never negative.
 */
public record ClockView(
        Target target,
        Instant dueAt,
        Duration remaining,
        ClockStatus status,
        Instant startedAt,
        Instant stoppedAt,
        Instant breachedAt,
        Instant missedDueAt) {}
