package io.sladesk.server.sla;

/**
 * A ticket's SLA state as the SLA module owns it: its two clocks and the escalation level
 * its resolution clock reached.
 */
public record SlaView(ClockView firstResponse, ClockView resolution, int escalationLevel) {}
