package io.sladesk.server.platform;

import io.sladesk.server.platform.Problems.FieldProblem;
import io.sladesk.server.platform.Problems.InvalidInput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Collects every problem of a request before failing, so a client learns all its bad
 * fields at once, and nothing is stored when any is wrong.
 */
public final class Checks {
    private static final Instant EARLIEST = Instant.parse("1971-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    private final List<FieldProblem> problems = new ArrayList<>();

    public static Checks start() {
        return new Checks();
    }

    public Checks add(String field, String message) {
        problems.add(new FieldProblem(field, message));
        return this;
    }

    public boolean ok(String field) {
        return problems.stream().noneMatch(p -> p.field().equals(field));
    }

    /** Required one-line text (a subject, a name, a reason): present, not blank, within the limit, storable. */
    public String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        return optionalText(field, value, maxLength);
    }

    /** Optional one-line text: when present, within the limit, storable, without control characters. */
    public String optionalText(String field, String value, int maxLength) {
        return checked(field, value, maxLength, false);
    }

    /**
     * Required multi-line text (a description, a message body): as {@link #text}, except that
     * line breaks (LF, or CR LF) and tabs are allowed.
     */
    public String multiLineText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        return checked(field, value, maxLength, true);
    }

    private String checked(String field, String value, int maxLength, boolean multiLine) {
        if (value == null) return null;
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            add(field, "is " + length + " characters long; the limit is " + maxLength);
            return null;
        }
        String unstorable = unstorable(value);
        if (unstorable == null) unstorable = unreadable(value, multiLine);
        if (unstorable != null) {
            add(field, unstorable);
            return null;
        }
        return value;
    }

    /**
     * Control characters (other than line breaks and tabs in multi-line text) do not belong
     * in text people read, and bidirectional overrides and isolates can make text display
     * differently from what it says (a subject whose shown words are not its stored ones).
     */
    private static String unreadable(String value, boolean multiLine) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (multiLine && (c == '\n' || c == '\t')) continue;
            if (multiLine && c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n') continue;
            if (Character.getType(c) == Character.CONTROL) {
                return "contains the control character " + codePoint(c)
                        + (multiLine ? "; only line breaks and tabs are allowed" : "; it must be one line of text");
            }
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                return "contains the bidirectional formatting character " + codePoint(c)
                        + ", which can make text display differently from what it says";
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    /**
     * PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate has no UTF-8 form: both
     * would come back different from what was sent, so they are refused up front.
     */
    private static String unstorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') return "contains a NUL character (U+0000), which cannot be stored";
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired UTF-16 surrogate, which is not valid Unicode text";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate, which is not valid Unicode text";
            }
        }
        return null;
    }

    /** An optional enum given by its wire name (lower-case or as declared). */
    public <E extends Enum<E>> E optionalEnum(String field, String value, Class<E> type, Function<E, String> wire) {
        if (value == null) return null;
        for (E e : type.getEnumConstants()) {
            if (wire.apply(e).equals(value)) return e;
        }
        add(
                field,
                "'" + value + "' is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(wire).toList());
        return null;
    }

    public <E extends Enum<E>> E requiredEnum(String field, String value, Class<E> type, Function<E, String> wire) {
        if (value == null) {
            add(
                    field,
                    "is required; one of "
                            + Arrays.stream(type.getEnumConstants()).map(wire).toList());
            return null;
        }
        return optionalEnum(field, value, type, wire);
    }

    public UUID optionalId(String field, String value) {
        if (value == null) return null;
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            add(field, "'" + value + "' is not a valid id");
            return null;
        }
    }

    public Instant optionalInstant(String field, String value) {
        if (value == null) return null;
        try {
            Instant i = Instant.parse(value);
            // the business-time arithmetic covers these years; nothing a desk records lies outside
            if (i.isBefore(EARLIEST) || !i.isBefore(LATEST)) {
                add(field, "'" + value + "' lies outside the supported years 1971 to 2199");
                return null;
            }
            // the API's precision: more is truncated, as every instant is
            return i.truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            add(field, "'" + value + "' is not an ISO-8601 instant such as 2026-03-06T15:00:00Z");
            return null;
        }
    }

    public String optionalEmail(String field, String value) {
        if (value == null) return null;
        String v = value.trim();
        String unreadable = unstorable(v) != null ? unstorable(v) : unreadable(v, false);
        if (unreadable != null) {
            add(field, unreadable);
            return null;
        }
        // deliberately simple: one @, something on each side, no spaces; delivery proves the rest
        if (v.length() > 254 || !v.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            add(field, "'" + value + "' is not a valid email address");
            return null;
        }
        return v.toLowerCase(Locale.ROOT);
    }

    public String email(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        return optionalEmail(field, value);
    }

    /** Throws {@link InvalidInput} when any problem was found. */
    public void orThrow() {
        if (!problems.isEmpty()) throw new InvalidInput(problems);
    }
}
