package io.sladesk.server.policy;

/** What a clock measures. */
public enum Metric {
    FIRST_RESPONSE("first_response", "firstResponse", "First response"),
    RESOLUTION("resolution", "resolution", "Resolution");

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
