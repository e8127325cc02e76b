/**
 * The pages people work in: the customer portal and the agent console (Thymeleaf and htmx),
 * signed in with a session kept in PostgreSQL, in English and Traditional Chinese, updated
 * live by server-sent events fed from PostgreSQL LISTEN/NOTIFY. It calls the modules'
 * facades as the REST API does and owns only page matters (sessions, saved replies, the
 * language a user chose).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Pages",
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
package io.sladesk.server.web;
