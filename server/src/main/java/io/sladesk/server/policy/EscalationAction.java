package io.sladesk.server.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What an escalation level does. Parsed once, when a policy is written (a group may be
 * named there); stored and acted on as a type, with groups by id.
 */
public sealed interface EscalationAction permits EscalationAction.Simple, EscalationAction.ReassignToGroup {
    String REASSIGN = "reassign_to_group:";

    /** The stored form: {@code raise_priority}, {@code reassign_to_group:<group id>}. */
    String wire();

    enum Simple implements EscalationAction {
        RAISE_PRIORITY,
        NOTIFY_ASSIGNEE,
        NOTIFY_ESCALATION_MANAGERS,
        NOTIFY_TAM,
        /** This level's {@code escalation.raised} event goes to the webhooks subscribed to it. */
        WEBHOOK;

        @Override
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Simple> fromWire(String s) {
            for (Simple a : values()) if (a.wire().equals(s)) return Optional.of(a);
            return Optional.empty();
        }
    }

    /** Moves the ticket to an escalation group. */
    record ReassignToGroup(UUID groupId) implements EscalationAction {
        @Override
        public String wire() {
            return REASSIGN + groupId;
        }
    }

    /** Reads the stored form (ids only: names were resolved when the policy was written). */
    static EscalationAction fromStored(String s) {
        if (s.startsWith(REASSIGN)) return new ReassignToGroup(UUID.fromString(s.substring(REASSIGN.length())));
        return Simple.fromWire(s).orElseThrow(() -> new IllegalStateException("unknown stored action " + s));
    }
}
