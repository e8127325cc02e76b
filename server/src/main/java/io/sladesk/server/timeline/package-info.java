/**
 * A ticket's timeline as people read it: the ticket's history and its clocks' histories,
 * merged oldest first and put into words when read, in the reader's language (English or
 * Traditional Chinese) and time zone. Nothing here is stored.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Timeline",
        allowedDependencies = {"platform", "kernel", "account", "ticket", "sla", "calendars", "policy"})
package io.sladesk.server.timeline;
