package io.sladesk.server.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user; {@code away} hands their TAM duties to the backup until they are back. */
public record User(
        UUID id,
        String email,
        String name,
        Role role,
        UUID organizationId,
        Set<Duty> duties,
        String language,
        String timeZone,
        boolean away,
        boolean active,
        Instant createdAt) {

    public Actor asActor() {
        return new Actor(id, role, organizationId);
    }
}
