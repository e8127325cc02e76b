package io.sladesk.server.account;

import java.util.UUID;

/** What changed in accounts that other modules act on. */
public final class AccountEvents {
    private AccountEvents() {}

    /** A user can no longer act: every token of theirs must stop working at once. */
    public record UserDeactivated(UUID userId) {}

    /** An organization's plan, time zone or calendar changed: its open clocks follow. */
    public record OrganizationTermsChanged(UUID organizationId) {}

    /** An organization named another TAM (either may be null): its open tickets follow the new one. */
    public record TamChanged(UUID organizationId, UUID previousTamUserId, UUID tamUserId) {}
}
