package io.sladesk.server.sla;

import io.sladesk.server.policy.Metric;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of a clock's append-only history, as data: its type and values (due
 * instants, target, calendar, plan, reason). The timeline puts it into words when read.
 */
public record ClockEvent(
        long seq, UUID id, UUID ticketId, Metric metric, Instant at, String type, Map<String, Object> data) {}
