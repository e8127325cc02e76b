package io.sladesk.server.policy;

/** What a clock measures. */
public enum Metric {
    FIRST_RESPONSE("first_response", "firstResponse", "First response"),
    RESOLUTION("resolution", "resolution", "Resolution"),
    /** A severity re-evaluation request's answer, held to the requested severity's first response. */
    REEVALUATION("reevaluation", "reevaluation", "Re-evaluation response");

    /** The metrics every ticket has a clock for, and every policy a target for. */
    public static final java.util.List<Metric> OF_TICKETS = java.util.List.of(FIRST_RESPONSE, RESOLUTION);

    private final String wire;
    private final String field;
    private final String label;

    Metric(String wire, String field, String label) {
        this.wire = wire;
        this.field = field;
        this.label = label;
    }

    /** The clock name in the timeline ({@code first_response}). */
    public String wire() {
        return wire;
    }

    /** The JSON field name in targets and ticket views ({@code firstResponse}). */
    public String field() {
        return field;
    }

    public String label() {
        return label;
    }

    public static Metric fromWire(String s) {
        for (Metric m : values()) if (m.wire.equals(s)) return m;
        throw new IllegalArgumentException(s);
    }
}
