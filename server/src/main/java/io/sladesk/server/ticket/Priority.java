package io.sladesk.server.ticket;

import java.util.Locale;

/** Internal priority, raised by escalation; customers never see it. */
public enum Priority {
    NORMAL,
    HIGH,
    URGENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
