package io.sladesk.server.sla;

import io.sladesk.server.policy.Metric;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One entry of a clock's append-only history, worded for the ticket's timeline. */
public record ClockEvent(
        long seq,
        UUID id,
        UUID ticketId,
        Metric metric,
        Instant at,
        String type,
        String detail,
        Map<String, Object> data) {}
