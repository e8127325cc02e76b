package io.sladesk.server.calendars;

import java.time.Instant;
import java.util.UUID;

/** A stored calendar's hours, zone or holidays changed: clocks on it must be recomputed. */
public record CalendarChanged(UUID calendarId, Instant at) {}
