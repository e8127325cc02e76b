package io.sladesk.server.escalation;

import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.ticket.TicketSummary;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Staff must hear of a ticket: a new urgent one, a re-evaluation request, a warning, a
 * breach, or an escalation level. The escalation module resolves who (the one place that
 * does); delivery channels send.
 *
 * @param level the escalation level (0 for everything else)
 * @param dueAt the due instant the alert is about (null for a re-evaluation request)
 * @param recipients the users to tell, each once
 * @param webhook whether the event goes to the webhooks subscribed to it (an escalation
 *     level only when its ladder says {@code webhook})
 * @param request the request, for {@link Kind#REEVALUATION_REQUESTED}; else null
 */
public record StaffAlerted(
        TicketSummary ticket,
        Kind kind,
        Metric metric,
        int level,
        Instant dueAt,
        Instant at,
        List<UUID> recipients,
        boolean webhook,
        Request request) {

    public enum Kind {
        /** A new P1 or P2 ticket: the account's TAM hears of it at once. */
        URGENT,
        REEVALUATION_REQUESTED,
        WARNED,
        BREACHED,
        ESCALATED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A customer's re-evaluation request: the severity asked for, and why. */
    public record Request(Severity requested, String reason) {}
}
