/**
 * The escalation ladder's actions: raise the internal priority, reassign, and record the
 * notices (assignee, escalation managers, the organization's TAM, webhooks) for delivery.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Escalation",
        allowedDependencies = {"platform", "kernel", "account", "ticket", "sla", "policy"})
package io.sladesk.server.escalation;
