/**
 * Triage: the severity a ticket's words suggest, with the phrases that suggest it. The rules
 * live in the plain {@code sladesk-triage} library; this module serves them to the others.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Triage", allowedDependencies = "kernel")
package io.sladesk.server.triage;
