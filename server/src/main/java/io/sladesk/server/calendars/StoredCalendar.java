package io.sladesk.server.calendars;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;

/** A calendar as an admin defined it: zone, weekly hours ("09:00"–"18:00") and holidays. */
public record StoredCalendar(
        UUID id,
        String name,
        ZoneId zone,
        Map<String, List<List<String>>> week,
        SortedSet<LocalDate> holidays,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
