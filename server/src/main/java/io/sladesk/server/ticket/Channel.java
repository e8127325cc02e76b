package io.sladesk.server.ticket;

import java.util.Locale;

/** Where a ticket came in. */
public enum Channel {
    API,
    PORTAL,
    EMAIL,
    WIDGET;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
