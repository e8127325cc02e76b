package io.sladesk.server.account;

import java.util.UUID;

/**
 * What accounts need to know of stored calendars (an organization may name one), without
 * depending on the calendars module, which depends on accounts.
 */
public interface CalendarDirectory {
    /** The id of the stored calendar with this id or name, if there is one. */
    java.util.Optional<UUID> find(String idOrName);
}
