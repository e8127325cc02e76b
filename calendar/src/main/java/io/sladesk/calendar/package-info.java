/**
 * Business-time arithmetic: calendars, holidays, working durations and business days.
 *
 * <p>A {@link io.sladesk.calendar.WorkCalendar} is a time zone, {@link io.sladesk.calendar.WeeklyHours}
 * made of {@link io.sladesk.calendar.WorkingInterval}s in local time, and holidays. It answers the
 * questions an SLA clock asks, by the rules of {@code docs/sla.md}: is this instant working time
 * ({@code isWorkingTime}), when does a clock started now begin to run ({@code effectiveStart}), when
 * is a duration of working time used up ({@code add}), how much working time lies between two
 * instants ({@code between}), and when is a target of N business days due ({@code addBusinessDays}).
 *
 * <p>Plain Java with no dependencies, so that the server, imports and tools agree on the arithmetic.
 * Invalid hours are rejected with {@link java.lang.IllegalArgumentException}s whose messages name the
 * problem for the person who entered them; instants outside 1970–2200 with {@link
 * java.time.DateTimeException}.
 */
package io.sladesk.calendar;
