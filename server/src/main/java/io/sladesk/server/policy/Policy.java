package io.sladesk.server.policy;

import io.sladesk.server.kernel.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public record Policy(
        UUID id,
        String name,
        Map<Severity, Map<Metric, Target>> targets,
        double warningShare,
        Duration upgradeGrace,
        List<EscalationLevel> escalation,
        long version) {

    public static final UUID PRO = UUID.fromString("00000000-0000-0000-0000-000000000002");

    public Target target(Severity severity, Metric metric) {
        // a re-evaluation is answered within the first-response target of the severity asked for
        return targets.get(severity).get(metric == Metric.REEVALUATION ? Metric.FIRST_RESPONSE : metric);
    }
}
