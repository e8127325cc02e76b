package io.sladesk.server.escalation;

import java.util.List;

/**
 * The alerts of one batch of warnings, breaches and escalation levels, published once for
 * the batch (single alerts of other kinds come as {@link StaffAlerted}) so that delivery
 * channels do their work per batch: in the order decided, each ticket's warnings and
 * breaches before its levels. Never empty.
 */
public record StaffAlerts(List<StaffAlerted> alerts) {}
