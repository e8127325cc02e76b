package io.sladesk.server.policy;

import java.time.Duration;

/**
 * A promise for one severity and metric: a duration of working time, or a number of
 * business days, counted on a calendar: a built-in ({@code 24x7}, {@code business-days})
 * or a stored calendar's id (a name given in a request is resolved to its id when the
 * policy is written, so renaming the calendar changes nothing).
 */
public record Target(Duration duration, Integer businessDays, String calendar) {

    public boolean isBusinessDays() {
        return businessDays != null;
    }
}
