/**
 * Reports: figures composed from what the modules that own the facts answer (accounts,
 * tickets, clocks), for TAMs, agents and, with an admin's consent, customers. Stores nothing.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Reports",
        allowedDependencies = {"platform", "kernel", "account", "ticket", "sla"})
package io.sladesk.server.reports;
