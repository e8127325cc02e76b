package io.sladesk.server.ticket;

import java.util.Locale;

/** Who set a ticket's severity: the customer who chose it, the suggester, or an agent. */
public enum SeveritySource {
    CUSTOMER,
    SUGGESTED,
    AGENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SeveritySource fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
