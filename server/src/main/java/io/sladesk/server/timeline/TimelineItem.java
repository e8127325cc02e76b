package io.sladesk.server.timeline;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One timeline entry as read: the stored data and its words ({@code detail}) in the
 * reader's language and zone. {@code clock} names the clock an entry is about; {@code
 * level} is an escalation's level.
 */
public record TimelineItem(
        UUID id,
        Instant at,
        String type,
        String detail,
        String clock,
        UUID actorId,
        Integer level,
        Map<String, Object> data) {}
