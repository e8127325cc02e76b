package io.sladesk.server.escalation;

import io.sladesk.server.policy.Metric;
import io.sladesk.server.ticket.TicketSummary;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Staff must hear of a ticket's clock: a warning, a breach, or an escalation level. The
 * escalation module resolves who (the one place that does); delivery channels send.
 *
 * @param level the escalation level (0 for warnings and breaches)
 * @param recipients the users to tell, each once
 * @param webhook whether the event goes to the webhooks subscribed to it (an escalation
 *     level only when its ladder says {@code webhook})
 */
public record StaffAlerted(
        TicketSummary ticket,
        Kind kind,
        Metric metric,
        int level,
        Instant dueAt,
        Instant at,
        List<UUID> recipients,
        boolean webhook) {

    public enum Kind {
        WARNED,
        BREACHED,
        ESCALATED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
