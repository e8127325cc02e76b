package io.sladesk.server.sla;

import java.time.Duration;

/**
 * How an organization's ticket clocks (first response and resolution) stand: running
 * clocks past their warning share and not breached, breaches recorded in the window,
 * clocks stopped in the window and how many of them met their target, and the median
 * wall-clock time from start to stop of each metric's clocks stopped in the window
 * (null when none stopped).
 */
public record ClockHealth(
        long atRisk, long breached, long stopped, long met, Duration medianFirstResponse, Duration medianResolution) {

    /** The share of stopped clocks that met their target; null when none stopped. */
    public Double attainment() {
        return stopped == 0 ? null : (double) met / stopped;
    }
}
