package io.sladesk.server.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

public record User(
        UUID id,
        String email,
        String name,
        Role role,
        UUID organizationId,
        Set<Duty> duties,
        String language,
        String timeZone,
        Instant createdAt) {

    public Actor asActor() {
        return new Actor(id, role, organizationId);
    }
}
