/**
 * Stored calendars and their holidays (with iCalendar import), and the rules that turn a
 * target's calendar name into business-time arithmetic for an organization.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Calendars",
        allowedDependencies = {"platform", "account"})
package io.sladesk.server.calendars;
