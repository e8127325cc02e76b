package io.sladesk.server.sla;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.Plan;
import io.sladesk.server.calendars.Calendars;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.Policies;
import io.sladesk.server.policy.Policy;
import io.sladesk.server.policy.PolicyChanged;
import io.sladesk.server.policy.Target;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Finds what a clock is held to: organization → plan → policy → target → calendar. The
 * timer loop asks this for every event it fires, so organizations with their plan, and
 * policies, are kept for two seconds (a policy change on this server clears them at
 * once; other servers follow within the two seconds, and the recomputation the change
 * queued corrects any clock touched meanwhile). Calendars keep their compiled arithmetic
 * the same way, by version.
 */
@Component
class Schedules {
    private static final long KEEP_NANOS = 2_000_000_000L;

    private final Accounts accounts;
    private final Policies policies;
    private final Calendars calendars;
    private final Map<UUID, Kept<OrgPlan>> orgs = new ConcurrentHashMap<>();
    private final Map<UUID, Kept<Policy>> policyCache = new ConcurrentHashMap<>();

    private record OrgPlan(Organization org, Plan plan) {}

    private record Kept<T>(T value, long until) {}

    Schedules(Accounts accounts, Policies policies, Calendars calendars) {
        this.accounts = accounts;
        this.policies = policies;
        this.calendars = calendars;
    }

    private OrgPlan orgPlan(UUID organizationId) {
        return kept(orgs, organizationId, () -> {
            Organization org = accounts.organization(organizationId).orElseThrow();
            return new OrgPlan(org, accounts.plan(org.planId()).orElseThrow());
        });
    }

    private Policy policy(UUID id) {
        return kept(policyCache, id, () -> policies.get(id));
    }

    private static <T> T kept(Map<UUID, Kept<T>> cache, UUID key, Supplier<T> load) {
        long now = System.nanoTime();
        Kept<T> k = cache.get(key);
        if (k != null && now - k.until() < 0) return k.value();
        T value = load.get();
        cache.put(key, new Kept<>(value, now + KEEP_NANOS));
        return value;
    }

    @TransactionalEventListener
    void after(PolicyChanged e) {
        policyCache.clear();
    }

    @TransactionalEventListener
    void after(io.sladesk.server.account.PlanChanged e) {
        orgs.clear();
    }

    @TransactionalEventListener
    void after(io.sladesk.server.account.AccountEvents.OrganizationTermsChanged e) {
        orgs.remove(e.organizationId());
    }

    /** The current promise for a severity and metric under the organization's plan. */
    Schedule current(UUID organizationId, Severity severity, Metric metric) {
        OrgPlan op = orgPlan(organizationId);
        Policy policy =
                policy(op.plan().policyId() == null ? Policy.PRO : op.plan().policyId());
        return of(op.org(), op.plan().id(), policy, severity, metric);
    }

    /**
     * A change not made yet, for previews: an organization, plan, policy or stored calendar
     * as it would be once saved (null: as it is). Each replaces the stored one with its id.
     */
    record Proposal(
            Organization organization,
            Plan plan,
            Policy policy,
            io.sladesk.server.calendars.ResolvedCalendar calendar) {}

    /**
     * The promise {@link #current} would give once the proposal is saved: the same lookup,
     * organization → plan → policy → target → calendar, with the proposed ones in place.
     */
    Schedule proposed(UUID organizationId, Severity severity, Metric metric, Proposal p) {
        OrgPlan op = orgPlan(organizationId);
        Organization org =
                p.organization() != null && p.organization().id().equals(organizationId) ? p.organization() : op.org();
        Plan plan;
        if (p.plan() != null && p.plan().id().equals(org.planId())) plan = p.plan();
        else if (org.planId().equals(op.plan().id())) plan = op.plan();
        else plan = accounts.plan(org.planId()).orElseThrow();
        UUID policyId = plan.policyId() == null ? Policy.PRO : plan.policyId();
        Policy policy = p.policy() != null && p.policy().id().equals(policyId) ? p.policy() : policy(policyId);
        Target target = policy.target(severity, metric);
        io.sladesk.server.calendars.ResolvedCalendar calendar = calendars.resolve(target.calendar(), org);
        if (p.calendar() != null
                && calendar.storedId() != null
                && calendar.storedId().equals(p.calendar().storedId())) calendar = p.calendar();
        return new Schedule(
                policy.id(),
                plan.id(),
                severity,
                target,
                calendar,
                policy.upgradeGrace(),
                policy.warningShare(),
                policy.escalation());
    }

    /** A given policy's promise (previews name a policy or plan directly; planId null for a policy). */
    Schedule of(Organization org, UUID planId, Policy policy, Severity severity, Metric metric) {
        Target target = policy.target(severity, metric);
        return new Schedule(
                policy.id(),
                planId,
                severity,
                target,
                calendars.resolve(target.calendar(), org),
                policy.upgradeGrace(),
                policy.warningShare(),
                policy.escalation());
    }

    /** What a clock was held to when last computed (its stored target), for comparisons. */
    Schedule stored(SlaClock clock) {
        OrgPlan op = orgPlan(clock.organizationId);
        Organization org = op.org();
        Policy policy = policy(clock.policyId);
        return new Schedule(
                clock.policyId,
                op.plan().id(),
                clock.severity,
                clock.target,
                calendars.resolve(clock.target.calendar(), org),
                policy.upgradeGrace(),
                policy.warningShare(),
                policy.escalation());
    }
}
