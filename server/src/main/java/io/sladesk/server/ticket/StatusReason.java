package io.sladesk.server.ticket;

import java.util.Locale;

/** Why a status changed by itself or as a side effect, recorded as a code and put into words when read. */
public enum StatusReason {
    FIRST_REPLY,
    CUSTOMER_REPLIED,
    REOPENED_BY_MESSAGE,
    AUTO_CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
