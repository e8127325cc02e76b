package io.sladesk.server.ticket;

import java.util.Locale;

public enum TicketStatus {
    NEW,
    OPEN,
    PENDING,
    ON_HOLD,
    SOLVED,
    CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TicketStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** The states an agent works in and may move between. */
    boolean isWorking() {
        return this == NEW || this == OPEN || this == PENDING || this == ON_HOLD;
    }
}
