package io.sladesk.server.platform;

import io.sladesk.server.platform.Problems.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort key values of the last row of a page, joined and
 * base64url-encoded. Keyset paging stays fast and stable while rows are added.
 */
public final class Cursor {
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
            throw new InvalidInput("cursor", "is not a cursor this list handed out");
        }
    }

    /**
     * One page of a short list held in memory (configuration: groups, plans, policies,
     * calendars), with an offset cursor, so every list answers {items, next} alike.
     */
    public static <T> Page<T> slice(List<T> all, Integer limit, String cursor) {
        int n = limit(limit);
        int from = 0;
        if (cursor != null) {
            try {
                from = Integer.parseInt(decode(cursor, 1).get(0));
            } catch (NumberFormatException e) {
                throw new InvalidInput("cursor", "is not a cursor this list handed out");
            }
            if (from < 0 || from > all.size()) throw new InvalidInput("cursor", "is not a cursor this list handed out");
        }
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
