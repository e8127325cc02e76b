package io.sladesk.calendar;

import java.time.LocalTime;

/**
 * One working interval of a day, {@code [start, end)} in local wall-clock time, to the second.
 *
 * <p>Times are kept as seconds of the day rather than {@link LocalTime} because an interval may run
 * to 24:00, the start of the next day, which {@code LocalTime} cannot express: {@code end} is then
 * {@value #END_OF_DAY}. Text forms are {@code HH:mm} or {@code HH:mm:ss}, {@code 00:00} to {@code
 * 24:00}.
 *
 * @param startSecondOfDay first working second, 0 (00:00) to 86,399
 * @param endSecondOfDay first second no longer working, 1 to 86,400 (24:00)
 */
public record WorkingInterval(int startSecondOfDay, int endSecondOfDay) implements Comparable<WorkingInterval> {

    /** Seconds in a local day as the wall clock counts them: 24:00. */
    public static final int END_OF_DAY = 86_400;

    /** The whole day, 00:00–24:00. */
    public static final WorkingInterval WHOLE_DAY = new WorkingInterval(0, END_OF_DAY);

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException naming the interval and what is wrong with it
     */
    public WorkingInterval {
        if (startSecondOfDay < 0 || startSecondOfDay > END_OF_DAY) {
            throw new IllegalArgumentException("interval start " + startSecondOfDay + " s is not a time of day");
        }
        if (endSecondOfDay < 0 || endSecondOfDay > END_OF_DAY) {
            throw new IllegalArgumentException("interval end " + endSecondOfDay + " s is not a time of day");
        }
        String text = format(startSecondOfDay) + "-" + format(endSecondOfDay);
        if (startSecondOfDay == endSecondOfDay) {
            throw new IllegalArgumentException("interval " + text + " is empty: it starts when it ends");
        }
        if (startSecondOfDay > endSecondOfDay) {
            throw new IllegalArgumentException("interval " + text + " starts after it ends");
        }
    }

    /**
     * An interval from {@code start} to {@code end}, both {@code HH:mm} or {@code HH:mm:ss}; {@code
     * end} may be {@code 24:00}.
     *
     * @throws IllegalArgumentException if a time is malformed or the interval is empty or reversed
     */
    public static WorkingInterval parse(String start, String end) {
        return new WorkingInterval(parseTime(start), parseTime(end));
    }

    /**
     * An interval written {@code start-end}, for example {@code 09:00-18:00} or {@code 22:00-24:00}.
     *
     * @throws IllegalArgumentException if the text is malformed or the interval is empty or reversed
     */
    public static WorkingInterval parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("interval is missing");
        }
        int dash = text.indexOf('-');
        if (dash < 0 || text.indexOf('-', dash + 1) >= 0) {
            throw new IllegalArgumentException(
                    "malformed interval '" + text + "': expected start-end, e.g. 09:00-18:00");
        }
        return parse(text.substring(0, dash).strip(), text.substring(dash + 1).strip());
    }

    /** An interval between two times of the same day; use {@link #toEndOfDay} for one ending at 24:00. */
    public static WorkingInterval of(LocalTime start, LocalTime end) {
        return new WorkingInterval(secondOfDay(start, "start"), secondOfDay(end, "end"));
    }

    /** An interval from {@code start} to 24:00. */
    public static WorkingInterval toEndOfDay(LocalTime start) {
        return new WorkingInterval(secondOfDay(start, "start"), END_OF_DAY);
    }

    /** The start as a {@code LocalTime}. */
    public LocalTime start() {
        return LocalTime.ofSecondOfDay(startSecondOfDay);
    }

    /** Whether the interval runs to 24:00, the start of the next day. */
    public boolean endsAtEndOfDay() {
        return endSecondOfDay == END_OF_DAY;
    }

    /** Wall-clock length: what the interval lasts on a day without a daylight-saving change. */
    public int lengthSeconds() {
        return endSecondOfDay - startSecondOfDay;
    }

    /** Whether the two intervals share a second (touching intervals, one ending when the other starts, do not). */
    public boolean overlaps(WorkingInterval other) {
        return startSecondOfDay < other.endSecondOfDay && other.startSecondOfDay < endSecondOfDay;
    }

    /** Orders by start, then by end. */
    @Override
    public int compareTo(WorkingInterval other) {
        int byStart = Integer.compare(startSecondOfDay, other.startSecondOfDay);
        return byStart != 0 ? byStart : Integer.compare(endSecondOfDay, other.endSecondOfDay);
    }

    /** {@code HH:mm-HH:mm}, with seconds only where an end has them. */
    @Override
    public String toString() {
        return format(startSecondOfDay) + "-" + format(endSecondOfDay);
    }

    /** Formats a second of the day as {@code HH:mm}, or {@code HH:mm:ss} when it has seconds. */
    static String format(int secondOfDay) {
        int h = secondOfDay / 3600;
        int m = secondOfDay / 60 % 60;
        int s = secondOfDay % 60;
        return s == 0 ? String.format("%02d:%02d", h, m) : String.format("%02d:%02d:%02d", h, m, s);
    }

    private static int secondOfDay(LocalTime time, String what) {
        if (time == null) {
            throw new IllegalArgumentException("interval " + what + " is missing");
        }
        if (time.getNano() != 0) {
            throw new IllegalArgumentException("interval " + what + " " + time + " has a fraction of a second");
        }
        return time.toSecondOfDay();
    }

    private static int parseTime(String text) {
        if (text == null) {
            throw new IllegalArgumentException("time is missing");
        }
        int length = text.length();
        boolean shapeOk = (length == 5 || length == 8)
                && digits(text, 0)
                && text.charAt(2) == ':'
                && digits(text, 3)
                && (length == 5 || (text.charAt(5) == ':' && digits(text, 6)));
        if (shapeOk) {
            int h = Integer.parseInt(text, 0, 2, 10);
            int m = Integer.parseInt(text, 3, 5, 10);
            int s = length == 8 ? Integer.parseInt(text, 6, 8, 10) : 0;
            int second = h * 3600 + m * 60 + s;
            if (m < 60 && s < 60 && second <= END_OF_DAY) {
                return second;
            }
        }
        throw new IllegalArgumentException(
                "malformed time '" + text + "': expected HH:mm or HH:mm:ss between 00:00 and 24:00");
    }

    private static boolean digits(String text, int at) {
        return isAsciiDigit(text.charAt(at)) && isAsciiDigit(text.charAt(at + 1));
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
