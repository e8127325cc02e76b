package io.sladesk.server.sla;

import io.sladesk.calendar.WorkCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where a clock stands: its due instant, or, while paused with time left, how much
 * working time remains. The one place that counts pauses; plain Java.
 */
record Progress(Instant due, Duration remaining) {

    record Pause(Instant from, Instant to) {}

    /**
     * Walks the pauses in order: the due instant is the earliest instant at which the
     * working time since {@code start}, less the working time paused, equals {@code budget}.
     * A pause that began before the start counts only from the start; a pause that begins
     * after the budget ran out changes nothing (the clock was already due).
     *
     * @param openPauseFrom the start of a pause still going on, or null
     */
    static Progress ofDuration(
            WorkCalendar cal, Instant start, Duration budget, List<Pause> pauses, Instant openPauseFrom) {
        Duration remaining = budget;
        Instant cursor = start;
        for (Pause p : pauses) {
            if (!p.to().isAfter(cursor)) continue;
            Instant from = p.from().isAfter(cursor) ? p.from() : cursor;
            Duration worked = cal.between(cursor, from);
            if (worked.compareTo(remaining) >= 0) return new Progress(cal.add(cursor, remaining), null);
            remaining = remaining.minus(worked);
            cursor = p.to();
        }
        if (openPauseFrom != null) {
            Instant from = openPauseFrom.isAfter(cursor) ? openPauseFrom : cursor;
            Duration worked = cal.between(cursor, from);
            if (worked.compareTo(remaining) >= 0) return new Progress(cal.add(cursor, remaining), null);
            return new Progress(null, remaining.minus(worked));
        }
        return new Progress(cal.add(cursor, remaining), null);
    }

    /**
     * For business-day targets the due instant comes first (the same local time N business
     * days on), and paused working time moves it on by the same amount of working time. It
     * cannot go through {@link #ofDuration}: "the earliest instant with that much working
     * time" would answer Monday 17:00 where the rule says Tuesday 09:00. A pause that begins
     * once the clock is due changes nothing.
     */
    static Progress ofDueInstant(
            WorkCalendar cal, Instant start, Instant baseDue, List<Pause> pauses, Instant openPauseFrom) {
        Instant due = baseDue;
        for (Pause p : pauses) {
            if (!p.from().isBefore(due)) break;
            Instant from = p.from().isAfter(start) ? p.from() : start;
            if (p.to().isAfter(from)) due = cal.add(due, cal.between(from, p.to()));
        }
        if (openPauseFrom != null && openPauseFrom.isBefore(due)) {
            Instant from = openPauseFrom.isAfter(start) ? openPauseFrom : start;
            return new Progress(null, cal.between(from, due));
        }
        return new Progress(due, null);
    }
}
