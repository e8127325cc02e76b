package io.sladesk.server.reports;

import io.sladesk.server.account.Organization;
import io.sladesk.server.kernel.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * An account's health: its open tickets by severity, running clocks at risk, breaches
 * and attainment over the last 30 days, open re-evaluation requests, its oldest open
 * ticket, and the medians of first response and resolution over the last 30 days.
 */
public record Health(
        Organization organization,
        Map<Severity, Long> openBySeverity,
        long atRisk,
        long breached30d,
        Double attainment30d,
        long openReevaluations,
        Instant oldestOpenAt,
        Duration medianFirstResponse30d,
        Duration medianResolution30d,
        Instant at) {

    /**
     * Worst first, for a TAM's list: more clocks at risk, then more open P1s, then lower
     * attainment (none stopped counts as kept), then more breaches, then by name.
     */
    static final java.util.Comparator<Health> WORST_FIRST = java.util.Comparator.comparingLong(Health::atRisk)
            .reversed()
            .thenComparing(h -> -h.openBySeverity().getOrDefault(Severity.P1, 0L))
            .thenComparing(h -> h.attainment30d() == null ? 1.0 : h.attainment30d())
            .thenComparing(h -> -h.breached30d())
            .thenComparing(h -> h.organization().name());
}
