package io.sladesk.calendar;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts local date-times, as epoch seconds of the local time line, to instants by the rules of
 * {@link java.time.ZonedDateTime#of}, for local times within a window fixed at creation.
 *
 * <p>Building the calendar's tables converts hundreds of thousands of local times; this does it with a
 * binary search over the few offset transitions of the window instead of {@code ZonedDateTime}
 * objects. The rule it applies, per transition at instant {@code T} from offset {@code before} to
 * offset {@code after}: a local time earlier than {@code T + max(before, after)} takes {@code before},
 * a later one {@code after}. That is exactly {@code ZonedDateTime.of}: a local time in a gap moves
 * later by the length of the gap and then takes {@code after}, which is the same instant as taking
 * {@code before}; a local time in an overlap takes the earlier offset, {@code before}. The tests
 * compare it with {@code ZonedDateTime.of} over whole centuries.
 */
final class LocalToInstant {

    /** Enough for any offset (at most 18 hours) plus any gap (at most a day, as in Samoa in 2011). */
    private static final long MARGIN_SECONDS = 3 * 86_400L;

    /** Per transition, the first local epoch second that takes the offset after it. */
    private final long[] afterFrom;
    /** Per transition, the offset in force before it, in seconds. */
    private final int[] offsetBefore;
    /** The offset after the last transition, or the only offset of the window. */
    private final int offsetAfterLast;

    private LocalToInstant(long[] afterFrom, int[] offsetBefore, int offsetAfterLast) {
        this.afterFrom = afterFrom;
        this.offsetBefore = offsetBefore;
        this.offsetAfterLast = offsetAfterLast;
    }

    /** A converter valid for local epoch seconds from {@code fromLocal} to {@code toLocal}, inclusive. */
    static LocalToInstant over(ZoneRules rules, long fromLocal, long toLocal) {
        if (rules.isFixedOffset()) {
            return new LocalToInstant(
                    new long[0], new int[0], rules.getOffset(Instant.EPOCH).getTotalSeconds());
        }
        List<ZoneOffsetTransition> transitions = new ArrayList<>();
        long last = toLocal + MARGIN_SECONDS;
        ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(fromLocal - MARGIN_SECONDS));
        while (next != null && next.toEpochSecond() <= last) {
            transitions.add(next);
            next = rules.nextTransition(next.getInstant());
        }
        if (transitions.isEmpty()) {
            ZoneOffset only = rules.getOffset(Instant.ofEpochSecond(fromLocal));
            return new LocalToInstant(new long[0], new int[0], only.getTotalSeconds());
        }
        long[] afterFrom = new long[transitions.size()];
        int[] offsetBefore = new int[transitions.size()];
        for (int i = 0; i < afterFrom.length; i++) {
            ZoneOffsetTransition t = transitions.get(i);
            int before = t.getOffsetBefore().getTotalSeconds();
            int after = t.getOffsetAfter().getTotalSeconds();
            afterFrom[i] = t.toEpochSecond() + Math.max(before, after);
            offsetBefore[i] = before;
        }
        return new LocalToInstant(
                afterFrom,
                offsetBefore,
                transitions.get(transitions.size() - 1).getOffsetAfter().getTotalSeconds());
    }

    /** The epoch second of the instant that {@code ZonedDateTime.of} gives for a local epoch second. */
    long toEpochSecond(long localEpochSecond) {
        // first transition whose "after" has not begun at this local time
        int low = 0;
        int high = afterFrom.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (afterFrom[mid] <= localEpochSecond) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        int offset = low < afterFrom.length ? offsetBefore[low] : offsetAfterLast;
        return localEpochSecond - offset;
    }
}
