package io.sladesk.server.policy;

import java.time.Instant;
import java.util.UUID;

/** A policy's targets changed: running clocks under it must be recomputed. */
public record PolicyChanged(UUID policyId, Instant at) {}
