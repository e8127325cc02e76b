package io.sladesk.server.account;

import java.util.UUID;

/** A plan was renamed or moved to another policy: clocks of its organizations follow the policy. */
public record PlanChanged(UUID planId, UUID previousPolicyId, UUID policyId) {}
