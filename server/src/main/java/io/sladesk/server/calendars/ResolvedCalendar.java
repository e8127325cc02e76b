package io.sladesk.server.calendars;

import io.sladesk.calendar.WorkCalendar;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A target's calendar made concrete for one organization: the arithmetic, the stored
 * calendar it came from (null for the plain built-ins, so changes can be traced back), the
 * zone to show instants in, and a name for explanations.
 */
public record ResolvedCalendar(WorkCalendar arithmetic, UUID storedId, ZoneId displayZone, String description) {}
