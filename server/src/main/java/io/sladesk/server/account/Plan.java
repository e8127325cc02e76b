package io.sladesk.server.account;

import java.util.UUID;

/** A support plan: the policy it promises, and whether it includes the TAM add-on. */
public record Plan(UUID id, String name, UUID policyId, boolean tam) {
    /** The Pro plan ships with the product and always exists. */
    public static final UUID PRO = UUID.fromString("00000000-0000-0000-0000-000000000001");
}
