package io.sladesk.server.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event sent (or being sent) to one webhook, with every attempt. */
public record Delivery(
        UUID id,
        UUID eventId,
        String type,
        String status,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant deliveredAt,
        List<Attempt> history) {

    public record Attempt(Instant at, Integer statusCode, String error, long durationMs) {}
}
