/** The REST API under /api/v1: bearer tokens, authentication, and the resources of the contract. */
@org.springframework.modulith.ApplicationModule(
        displayName = "REST API",
        allowedDependencies = {
            "platform",
            "kernel",
            "identity",
            "account",
            "ticket",
            "calendars",
            "policy",
            "sla",
            "queue",
            "timeline",
            "notification",
            "triage",
            "kb",
            "reports"
        })
package io.sladesk.server.api;
