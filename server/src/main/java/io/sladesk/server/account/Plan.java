package io.sladesk.server.account;

import java.util.UUID;

/** A support plan; its policy (the SLA it promises) arrives with the SLA engine. */
public record Plan(UUID id, String name, UUID policyId) {
    /** The Pro plan ships with the product and always exists. */
    public static final UUID PRO = UUID.fromString("00000000-0000-0000-0000-000000000001");
}
