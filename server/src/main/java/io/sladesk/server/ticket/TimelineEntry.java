package io.sladesk.server.ticket;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One recorded fact of a ticket's history, as data: its type, actor and values. Words are
 * rendered when read, in the reader's language and zone. Internal entries (notes,
 * assignment, escalation) are never shown to customers.
 */
public record TimelineEntry(
        long seq, UUID id, Instant at, String type, UUID actorId, boolean internal, Map<String, Object> data) {}
