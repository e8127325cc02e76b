package io.sladesk.server.account;

import java.util.UUID;

/** Who is acting in a request: a user with their role and, for customers, organization. */
public record Actor(UUID userId, Role role, UUID organizationId) {

    public boolean isStaff() {
        return role.isStaff();
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Customers see only their own organization; staff see every one. */
    public boolean canSee(UUID organization) {
        return isStaff() || organizationId.equals(organization);
    }
}
