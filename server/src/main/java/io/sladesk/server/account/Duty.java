package io.sladesk.server.account;

/** Extra responsibilities a staff user may carry besides their role. */
public enum Duty {
    ESCALATION_MANAGER;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
