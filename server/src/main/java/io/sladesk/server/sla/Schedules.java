package io.sladesk.server.sla;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.Plan;
import io.sladesk.server.calendars.Calendars;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.Policies;
import io.sladesk.server.policy.Policy;
import io.sladesk.server.policy.Target;
import io.sladesk.server.ticket.Severity;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Finds what a clock is held to: organization → plan → policy → target → calendar. */
@Component
class Schedules {
    private final Accounts accounts;
    private final Policies policies;
    private final Calendars calendars;

    Schedules(Accounts accounts, Policies policies, Calendars calendars) {
        this.accounts = accounts;
        this.policies = policies;
        this.calendars = calendars;
    }

    /** The current promise for a severity and metric under the organization's plan. */
    Schedule current(UUID organizationId, Severity severity, Metric metric) {
        Organization org = accounts.organization(organizationId).orElseThrow();
        Plan plan = accounts.plan(org.planId().toString()).orElseThrow();
        Policy policy = policies.get(plan.policyId() == null ? Policy.PRO : plan.policyId());
        return of(org, plan.name(), policy, severity, metric);
    }

    /** A given policy's promise (previews name a policy or plan directly). */
    Schedule of(Organization org, String planName, Policy policy, Severity severity, Metric metric) {
        Target target = policy.target(severity, metric);
        return new Schedule(
                policy.id(),
                planName,
                severity,
                target,
                calendars.resolve(target.calendar(), org),
                policy.upgradeGrace(),
                policy.warningShare(),
                policy.escalation());
    }

    /** What a clock was held to when last computed (its stored target), for comparisons. */
    Schedule stored(SlaClock clock) {
        Organization org = accounts.organization(clock.organizationId).orElseThrow();
        Plan plan = accounts.plan(org.planId().toString()).orElseThrow();
        Policy policy = policies.get(clock.policyId);
        return new Schedule(
                clock.policyId,
                plan.name(),
                clock.severity,
                clock.target,
                calendars.resolve(clock.target.calendar(), org),
                policy.upgradeGrace(),
                policy.warningShare(),
                policy.escalation());
    }
}
