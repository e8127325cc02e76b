package io.sladesk.server.sla;

import java.time.Instant;

/**
 * A clock's next event: a warning, its breach, or an escalation level, and the instant it
 * fires. {@code dueAt} is the instant the event is about (the breach's due instant, a
 * level's own instant), kept to measure how late it was detected.
 */
record Timer(Kind kind, int level, Instant fireAt, Instant dueAt) {
    enum Kind {
        // declaration order is the order events of one instant apply in
        WARNING,
        BREACH,
        ESCALATION;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
