package io.sladesk.calendar;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The working intervals of each day of the week, in local wall-clock time.
 *
 * <p>Each day has zero or more intervals, sorted and non-overlapping (touching is allowed: {@code
 * 09:00-12:00} then {@code 12:00-18:00}). Invalid hours are rejected with an {@link
 * IllegalArgumentException} whose message names the day and the problem, so that it can be shown to
 * the administrator who typed them, for example {@code MONDAY: interval 10:00-09:00 starts after it
 * ends}.
 *
 * <p>Instances are immutable.
 */
public final class WeeklyHours {

    private static final WeeklyHours NONE = new WeeklyHours(new EnumMap<>(DayOfWeek.class));

    private final Map<DayOfWeek, List<WorkingInterval>> days;

    private WeeklyHours(EnumMap<DayOfWeek, List<WorkingInterval>> days) {
        for (DayOfWeek day : DayOfWeek.values()) {
            days.putIfAbsent(day, List.of());
        }
        this.days = Collections.unmodifiableMap(days);
    }

    /**
     * Hours given day by day; a day missing from the map has no working time.
     *
     * @throws IllegalArgumentException if a day's intervals are missing, out of order or overlapping
     */
    public static WeeklyHours of(Map<DayOfWeek, ? extends List<WorkingInterval>> hours) {
        Objects.requireNonNull(hours, "hours");
        EnumMap<DayOfWeek, List<WorkingInterval>> copy = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<DayOfWeek, ? extends List<WorkingInterval>> entry : hours.entrySet()) {
            DayOfWeek day = entry.getKey();
            if (day == null) {
                throw new IllegalArgumentException("a day of the week is missing");
            }
            copy.put(day, checked(day, entry.getValue()));
        }
        return new WeeklyHours(copy);
    }

    /**
     * The same intervals on each of the given days, none on the others: {@code of(EnumSet.range(MONDAY,
     * FRIDAY), WorkingInterval.parse("09:00-18:00"))}.
     *
     * @throws IllegalArgumentException if the intervals are out of order or overlapping
     */
    public static WeeklyHours of(Set<DayOfWeek> days, WorkingInterval... intervals) {
        EnumMap<DayOfWeek, List<WorkingInterval>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : days) {
            map.put(day, checked(day, Arrays.asList(intervals)));
        }
        return new WeeklyHours(map);
    }

    /** The given days whole, 00:00–24:00; no working time on the others. */
    public static WeeklyHours allDay(Set<DayOfWeek> days) {
        return of(days, WorkingInterval.WHOLE_DAY);
    }

    /** Every day whole: every instant is working time. */
    public static WeeklyHours allWeek() {
        return allDay(EnumSet.allOf(DayOfWeek.class));
    }

    /** No working time on any day. */
    public static WeeklyHours none() {
        return NONE;
    }

    /** A builder that takes intervals one at a time, as they come from a form or a file. */
    public static Builder builder() {
        return new Builder();
    }

    /** The intervals of a day, sorted; empty when the day has no working time. */
    public List<WorkingInterval> on(DayOfWeek day) {
        return days.get(Objects.requireNonNull(day, "day"));
    }

    /** The days with at least one interval. */
    public Set<DayOfWeek> workingDays() {
        EnumSet<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        days.forEach((day, intervals) -> {
            if (!intervals.isEmpty()) {
                result.add(day);
            }
        });
        return Collections.unmodifiableSet(result);
    }

    /** Whether no day has an interval. */
    public boolean isEmpty() {
        return workingDays().isEmpty();
    }

    /** Every day of the week, each mapped to its intervals (possibly none), in week order. */
    public Map<DayOfWeek, List<WorkingInterval>> asMap() {
        return days;
    }

    /** Whether every day is 00:00–24:00, so that every instant is working time in any time zone. */
    boolean isAllWeek() {
        for (List<WorkingInterval> intervals : days.values()) {
            if (!intervals.equals(List.of(WorkingInterval.WHOLE_DAY))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WeeklyHours that && days.equals(that.days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    /** For example {@code MONDAY 09:00-12:00 13:00-18:00, TUESDAY 09:00-18:00}; {@code no working hours} when empty. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        days.forEach((day, intervals) -> {
            if (!intervals.isEmpty()) {
                text.append(text.length() == 0 ? "" : ", ").append(day);
                intervals.forEach(interval -> text.append(' ').append(interval));
            }
        });
        return text.length() == 0 ? "no working hours" : text.toString();
    }

    private static List<WorkingInterval> checked(DayOfWeek day, List<WorkingInterval> intervals) {
        if (intervals == null) {
            throw new IllegalArgumentException(day + ": intervals are missing");
        }
        List<WorkingInterval> copy = new ArrayList<>(intervals.size());
        WorkingInterval previous = null;
        for (WorkingInterval interval : intervals) {
            if (interval == null) {
                throw new IllegalArgumentException(day + ": an interval is missing");
            }
            if (previous != null) {
                if (interval.startSecondOfDay() < previous.startSecondOfDay()) {
                    throw new IllegalArgumentException(
                            day + ": intervals are not in order: " + previous + " is listed before " + interval);
                }
                if (interval.overlaps(previous)) {
                    throw new IllegalArgumentException(
                            day + ": intervals " + previous + " and " + interval + " overlap");
                }
            }
            copy.add(interval);
            previous = interval;
        }
        return List.copyOf(copy);
    }

    /**
     * Collects intervals day by day, then checks them all in {@link #build()}. Every error message
     * starts with the day it is about.
     */
    public static final class Builder {

        private final EnumMap<DayOfWeek, List<WorkingInterval>> days = new EnumMap<>(DayOfWeek.class);

        private Builder() {}

        /** Adds an interval to a day; intervals must be added in order. */
        public Builder add(DayOfWeek day, WorkingInterval interval) {
            Objects.requireNonNull(day, "day");
            days.computeIfAbsent(day, d -> new ArrayList<>()).add(interval);
            return this;
        }

        /**
         * Adds the interval {@code start}–{@code end} ({@code HH:mm}, end up to {@code 24:00}) to a day.
         *
         * @throws IllegalArgumentException prefixed with the day, if a time is malformed or the interval
         *     is empty or reversed
         */
        public Builder add(DayOfWeek day, String start, String end) {
            Objects.requireNonNull(day, "day");
            try {
                return add(day, WorkingInterval.parse(start, end));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(day + ": " + e.getMessage(), e);
            }
        }

        /**
         * The hours collected so far.
         *
         * @throws IllegalArgumentException if a day's intervals are out of order or overlap
         */
        public WeeklyHours build() {
            return WeeklyHours.of(days);
        }
    }
}
