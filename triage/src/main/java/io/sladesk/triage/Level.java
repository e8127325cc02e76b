package io.sladesk.triage;

/**
 * The four severities of the seed, most urgent first: P1 Urgent, P2 High, P3 Medium, P4 Low.
 * {@code compareTo} orders them by urgency ({@code P1} is the smallest).
 */
public enum Level {
    P1,
    P2,
    P3,
    P4
}
