package io.sladesk.server.ticket;

import java.util.Locale;

public enum Visibility {
    PUBLIC,
    INTERNAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
