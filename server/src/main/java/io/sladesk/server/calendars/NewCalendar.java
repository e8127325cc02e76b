package io.sladesk.server.calendars;

import java.util.List;
import java.util.Map;

/** A calendar as sent by an admin (unvalidated). */
public record NewCalendar(String name, String timeZone, Map<String, List<List<String>>> week, List<String> holidays) {}
