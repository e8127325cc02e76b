package io.sladesk.server.account;

import java.util.Locale;

/** What a user may do; see "Who may do what" in the API contract. */
public enum Role {
    ADMIN,
    AGENT,
    CUSTOMER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isStaff() {
        return this != CUSTOMER;
    }
}
