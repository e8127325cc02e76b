package io.sladesk.server.policy;

import java.time.Duration;

/**
 * A promise for one severity and metric: a duration of working time, or a number of
 * business days, counted on a calendar (a built-in name or a stored calendar's id/name).
 */
public record Target(Duration duration, Integer businessDays, String calendar) {

    public boolean isBusinessDays() {
        return businessDays != null;
    }

    /** "45 minutes", "8 hours", "1 business day": for explanations customers read. */
    public String describe() {
        if (isBusinessDays()) return businessDays + (businessDays == 1 ? " business day" : " business days");
        long s = duration.getSeconds();
        if (s % 86_400 == 0 && s > 0) return plural(s / 86_400, "day");
        if (s % 3_600 == 0 && s > 0) return plural(s / 3_600, "hour");
        if (s % 60 == 0 && s > 0) return plural(s / 60, "minute");
        return plural(s, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
