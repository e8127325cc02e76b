package io.sladesk.server.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One level of the escalation ladder: when after the breach it fires, and what it does. */
public record EscalationLevel(
        int level, Duration afterBreach, Double afterBreachShare, List<EscalationAction> actions) {

    public boolean does(EscalationAction.Simple action) {
        return actions.contains(action);
    }

    /** The group this level moves the ticket to, if it does. */
    public Optional<UUID> reassignTo() {
        return actions.stream()
                .filter(EscalationAction.ReassignToGroup.class::isInstance)
                .map(a -> ((EscalationAction.ReassignToGroup) a).groupId())
                .findFirst();
    }
}
