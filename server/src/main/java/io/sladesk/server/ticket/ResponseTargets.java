package io.sladesk.server.ticket;

import io.sladesk.server.kernel.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * When a re-evaluation request must be answered: the first-response target of the
 * requested severity under the organization's plan. The SLA module knows; tickets ask
 * through this port so they need not depend on it.
 */
public interface ResponseTargets {
    Instant firstResponseDue(UUID organizationId, Severity severity, Instant from);
}
