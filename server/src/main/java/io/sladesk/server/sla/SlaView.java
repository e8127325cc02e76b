package io.sladesk.server.sla;

/** A ticket's clocks. */
public record SlaView(ClockView firstResponse, ClockView resolution) {}
