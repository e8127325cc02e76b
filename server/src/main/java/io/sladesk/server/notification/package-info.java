/**
 * Telling people and other systems what happened: email and signed webhooks, written to
 * the platform's one outbox from other modules' events only, and sent by its worker.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Notification",
        allowedDependencies = {"platform", "kernel", "account", "ticket", "sla", "policy", "escalation"})
package io.sladesk.server.notification;
