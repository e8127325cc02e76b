package io.sladesk.server.kernel;

/** P1 Urgent … P4 Low, as the seed defines them. */
public enum Severity {
    P1,
    P2,
    P3,
    P4;

    public String wire() {
        return name();
    }
}
