package io.sladesk.server.sla;

import java.util.Locale;

/** A clock as the contract shows it: a breached clock that later stops stays breached. */
public enum ClockStatus {
    RUNNING,
    PAUSED,
    MET,
    BREACHED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
