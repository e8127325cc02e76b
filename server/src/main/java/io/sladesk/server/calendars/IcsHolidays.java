package io.sladesk.server.calendars;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.util.DateTimeComponents;
import biweekly.util.ICalDate;
import io.sladesk.server.platform.Problems.InvalidInput;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Reads holidays from an iCalendar (.ics) file: every all-day event's dates. */
final class IcsHolidays {
    private static final int MAX_DAYS_PER_EVENT = 31;

    private IcsHolidays() {}

    static SortedSet<LocalDate> parse(String ics) {
        List<ICalendar> calendars;
        try {
            calendars = ics == null ? List.of() : Biweekly.parse(ics).all();
        } catch (RuntimeException e) {
            throw new InvalidInput("body", "is not an iCalendar file: " + e.getMessage());
        }
        if (calendars.isEmpty()) throw new InvalidInput("body", "holds no VCALENDAR");
        SortedSet<LocalDate> days = new TreeSet<>();
        int index = 0;
        for (ICalendar cal : calendars) {
            for (VEvent event : cal.getEvents()) {
                String where = "VEVENT[" + index++ + "]";
                if (event.getDateStart() == null || event.getDateStart().getValue() == null) {
                    throw new InvalidInput(where, "has no DTSTART");
                }
                ICalDate start = event.getDateStart().getValue();
                if (start.hasTime()) {
                    throw new InvalidInput(where, "is not an all-day event (DTSTART;VALUE=DATE:yyyymmdd)");
                }
                LocalDate first = date(start.getRawComponents());
                // DTEND of an all-day event is exclusive; without it the event is one day
                LocalDate end = event.getDateEnd() == null || event.getDateEnd().getValue() == null
                        ? first.plusDays(1)
                        : date(event.getDateEnd().getValue().getRawComponents());
                if (!end.isAfter(first) || end.isAfter(first.plusDays(MAX_DAYS_PER_EVENT))) {
                    throw new InvalidInput(where, "spans " + first + " to " + end + "; a holiday spans 1 to 31 days");
                }
                for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) days.add(d);
            }
        }
        if (days.isEmpty()) throw new InvalidInput("body", "holds no all-day events");
        return days;
    }

    private static LocalDate date(DateTimeComponents c) {
        return LocalDate.of(c.getYear(), c.getMonth(), c.getDate());
    }
}
