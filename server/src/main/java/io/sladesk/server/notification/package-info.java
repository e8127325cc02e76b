/**
 * Telling other systems what happened: signed webhooks fed from a durable outbox, driven
 * only by other modules' events. (Email comes with the notification issue.)
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Notification",
        allowedDependencies = {"platform", "kernel", "account", "ticket", "sla", "policy"})
package io.sladesk.server.notification;
