package io.sladesk.server.platform;

import io.sladesk.server.platform.Problems.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Opaque keyset cursors: the sort key values of the last row of a page, joined and
 * base64url-encoded. Keyset paging stays fast and stable while rows are added.
 */
public final class Cursor {
    private static final String NOT_A_CURSOR = "is not a cursor this list handed out";
    private static final Instant EARLIEST = Instant.parse("1971-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2201-01-01T00:00:00Z");

    private Cursor() {}

    public static String encode(List<String> keys) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join("\u001f", keys).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor with the expected number of keys, or fails as a 400 on {@code cursor}. */
    public static List<String> decode(String cursor, int keys) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(raw.split("\u001f", -1));
            if (parts.size() != keys) throw new IllegalArgumentException();
            return parts;
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
    }

    /**
     * An instant a cursor carries. Rows are recorded within the supported years (1971 to
     * 2199) and due instants at most a year (the longest target) after them; anything else
     * was not handed out by a list, and would fail in the database rather than page.
     */
    public static Instant instant(String key) {
        try {
            Instant i = Instant.parse(key);
            if (i.isBefore(EARLIEST) || !i.isBefore(LATEST)) throw notACursor();
            return i;
        } catch (DateTimeException e) {
            throw notACursor();
        }
    }

    /** An id a cursor carries. */
    public static UUID id(String key) {
        try {
            UUID id = UUID.fromString(key);
            // UUID.fromString also takes short forms such as 1-1-1-1-1; a list hands out only canonical ones
            if (!id.toString().equalsIgnoreCase(key)) throw notACursor();
            return id;
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
    }

    /** A whole number a cursor carries, within the bounds its list can hand out. */
    public static long number(String key, long min, long max) {
        try {
            long n = Long.parseLong(key);
            if (n < min || n > max) throw notACursor();
            return n;
        } catch (NumberFormatException e) {
            throw notACursor();
        }
    }

    private static InvalidInput notACursor() {
        return new InvalidInput("cursor", NOT_A_CURSOR);
    }

    /**
     * One page of a short list held in memory (configuration: groups, plans, policies,
     * calendars), with an offset cursor, so every list answers {items, next} alike.
     */
    public static <T> Page<T> slice(List<T> all, Integer limit, String cursor) {
        int n = limit(limit);
        int from = 0;
        if (cursor != null) from = (int) number(decode(cursor, 1).get(0), 0, all.size());
        int to = Math.min(all.size(), from + n);
        return new Page<>(
                List.copyOf(all.subList(from, to)), to < all.size() ? encode(List.of(Integer.toString(to))) : null);
    }

    /** Reads {@code limit}: 1 to 200, default 50. */
    public static int limit(Integer limit) {
        if (limit == null) return 50;
        if (limit < 1 || limit > 200) throw new InvalidInput("limit", "must be between 1 and 200");
        return limit;
    }
}
