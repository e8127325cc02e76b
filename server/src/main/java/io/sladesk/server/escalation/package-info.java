/**
 * The escalation ladder's actions (raise the internal priority, reassign) and the one
 * place that decides who hears of a warning, a breach or an escalation level.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Escalation",
        allowedDependencies = {"platform", "kernel", "account", "ticket", "sla", "policy"})
package io.sladesk.server.escalation;
