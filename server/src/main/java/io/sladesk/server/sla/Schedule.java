package io.sladesk.server.sla;

import io.sladesk.server.calendars.ResolvedCalendar;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.EscalationLevel;
import io.sladesk.server.policy.Target;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What a clock is held to right now: the target of its ticket's severity under the
 * organization's plan (null when a preview names a policy directly), on a concrete
 * calendar, with the policy's upgrade grace, warning share and escalation ladder.
 */
record Schedule(
        UUID policyId,
        UUID planId,
        Severity severity,
        Target target,
        ResolvedCalendar calendar,
        Duration upgradeGrace,
        double warningShare,
        List<EscalationLevel> ladder) {}
