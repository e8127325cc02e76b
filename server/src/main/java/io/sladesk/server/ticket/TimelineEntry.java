package io.sladesk.server.ticket;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One recorded fact of a ticket's history, in words a customer understands. Internal
 * entries (notes, priority, assignment, escalation) are never shown to customers.
 */
public record TimelineEntry(
        long seq,
        UUID id,
        Instant at,
        String type,
        String detail,
        UUID actorId,
        boolean internal,
        Map<String, Object> data) {}
