/** What a plan promises: a target per severity and metric, the warning share, upgrade grace and escalation ladder. */
@org.springframework.modulith.ApplicationModule(
        displayName = "Policies",
        allowedDependencies = {"platform", "kernel", "account", "calendars"})
package io.sladesk.server.policy;
