/**
 * The Ticket aggregate: intake, the conversation, the status machine, assignment and
 * severity changes, and the ticket's own history.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Tickets",
        allowedDependencies = {"platform", "kernel", "account", "triage"})
package io.sladesk.server.ticket;
