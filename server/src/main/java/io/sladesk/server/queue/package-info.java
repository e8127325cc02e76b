/**
 * Ticket queues: the lists agents and customers work from, filtered and ordered on the
 * ticket module's table joined with the SLA module's per-ticket read model
 * ({@code sla_tickets}). It reads both and owns neither.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Queues",
        allowedDependencies = {"platform", "kernel", "account", "ticket", "sla"})
package io.sladesk.server.queue;
