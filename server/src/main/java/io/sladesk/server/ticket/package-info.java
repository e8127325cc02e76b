/**
 * The Ticket aggregate: intake, the conversation, the status machine, assignment and
 * severity changes, and the ticket's own history.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Tickets",
        allowedDependencies = {"platform", "kernel", "account"})
package io.sladesk.server.ticket;
