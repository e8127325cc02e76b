package io.sladesk.server.ticket;

import java.util.Locale;

/** Where a re-evaluation request stands: open until an agent decides or the customer withdraws. */
public enum ReevaluationStatus {
    OPEN,
    ACCEPTED,
    DECLINED,
    WITHDRAWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ReevaluationStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
