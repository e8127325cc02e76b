/**
 * SLA clocks: a first-response and a resolution clock per ticket, started, paused,
 * resumed, stopped and retargeted by ticket events, each with its append-only history.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "SLA clocks",
        allowedDependencies = {"platform", "kernel", "account", "ticket", "policy", "calendars"})
package io.sladesk.server.sla;
