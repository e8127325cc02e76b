package io.sladesk.server.sla;

import io.sladesk.server.policy.Metric;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * What a calendar, policy, plan or organization change would do before it is saved: how
 * many open tickets it would retarget, and for a sample of their clocks the due instant
 * before and after ({@code null} while a clock is paused, as tickets show it).
 */
public record ChangePreview(int affectedTickets, List<Sample> samples) {
    /** At most this many clocks are sampled: enough to judge a change, small enough to read. */
    public static final int SAMPLES = 20;

    public static final ChangePreview NONE = new ChangePreview(0, List.of());

    public record Sample(UUID ticketId, Metric metric, Instant before, Instant after) {}

    /** The soonest due first (now, else after the change), paused clocks last; then by ticket and metric. */
    static final Comparator<Sample> SOONEST_FIRST = Comparator.comparing(
                    (Sample s) -> s.before() != null ? s.before() : s.after(),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Sample::ticketId)
            .thenComparing(Sample::metric);
}
