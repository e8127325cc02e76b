package io.sladesk.server.sla;

import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.ticket.ResponseTargets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A re-evaluation request is due by the first-response target of the severity asked for. */
@Component
class FirstResponseTargets implements ResponseTargets {
    private final Schedules schedules;

    FirstResponseTargets(Schedules schedules) {
        this.schedules = schedules;
    }

    @Override
    public Instant firstResponseDue(UUID organizationId, Severity severity, Instant from) {
        Schedule s = schedules.current(organizationId, severity, Metric.FIRST_RESPONSE);
        return SlaClock.start(new UUID(0, 0), Metric.FIRST_RESPONSE, organizationId, from, s).dueAt;
    }
}
