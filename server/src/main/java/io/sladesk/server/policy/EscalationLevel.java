package io.sladesk.server.policy;

import java.time.Duration;
import java.util.List;

/** One level of the escalation ladder: when after the breach it fires, and what it does. */
public record EscalationLevel(int level, Duration afterBreach, Double afterBreachShare, List<String> actions) {}
