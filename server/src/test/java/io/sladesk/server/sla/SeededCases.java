package io.sladesk.server.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A plain property runner: each case draws from its own {@link SplittableRandom}, seeded from a base
 * seed, and writes down what it generated; a failing case is reported with its seed, what it did, and
 * how to run it alone. Cases grow: early cases are small, so the first failure tends to be a simple one.
 *
 * <ul>
 *   <li>{@code -Dsladesk.seed=N} changes the base seed (default {@value #DEFAULT_SEED}); decimal or
 *       {@code 0x} hex.
 *   <li>{@code -Dsladesk.case=SEED/SIZE} runs the one case a failure message names.
 *   <li>{@code -Dsladesk.cases=F} multiplies every property's number of cases (default 1.0).
 * </ul>
 */
final class SeededCases {
    static final long DEFAULT_SEED = 0x5EED2026L;
    static final int MAX_SIZE = 12;

    private SeededCases() {}

    /** What one case generated and did, in order, for the failure message. */
    static final class Trace {
        private final List<String> lines = new ArrayList<>();

        void add(String line) {
            lines.add(line);
        }

        @Override
        public String toString() {
            return "  " + String.join("\n  ", lines);
        }
    }

    interface Body {
        void run(SplittableRandom random, int size, Trace trace, Coverage coverage);
    }

    /** Counts of the situations cases reached, so that a property can insist it tried each one. */
    static final class Coverage {
        private final TreeMap<String, Integer> counts = new TreeMap<>();

        void hit(String what) {
            counts.merge(what, 1, Integer::sum);
        }

        void hitIf(boolean condition, String what) {
            if (condition) hit(what);
        }

        int count(String what) {
            return counts.getOrDefault(what, 0);
        }

        /** Fails unless every named situation happened at least {@code least} times. */
        void require(int least, String... situations) {
            List<String> missing = new ArrayList<>();
            for (String s : situations) if (count(s) < least) missing.add(s + " (" + count(s) + ")");
            if (!missing.isEmpty())
                throw new AssertionError("the generated cases reached too rarely (< " + least + "): " + missing
                        + "; all counts: " + counts);
        }

        @Override
        public String toString() {
            return counts.toString();
        }
    }

    /** Runs {@code cases} cases (scaled by -Dsladesk.cases), or the one named by -Dsladesk.case; returns coverage. */
    static Coverage forAll(String property, int cases, Body body) {
        Coverage coverage = new Coverage();
        long base = parse(System.getProperty("sladesk.seed", Long.toString(DEFAULT_SEED)));
        String only = System.getProperty("sladesk.case");
        if (only != null && !only.isBlank()) {
            String[] parts = only.split("/");
            runOne(property, base, 0, 1, parse(parts[0]), Integer.parseInt(parts[1]), body, coverage);
            return coverage;
        }
        int n = (int) Math.max(1, Math.round(cases * Double.parseDouble(System.getProperty("sladesk.cases", "1"))));
        SplittableRandom seeds = new SplittableRandom(base ^ (0x9E3779B97F4A7C15L * property.hashCode()));
        for (int i = 0; i < n; i++) {
            int size = 1 + (int) ((long) MAX_SIZE * i / n);
            runOne(property, base, i, n, seeds.nextLong(), size, body, coverage);
        }
        System.out.println(
                property + ": " + n + " cases, base seed 0x" + Long.toHexString(base) + ", reached " + coverage);
        return coverage;
    }

    private static void runOne(
            String property, long base, int i, int n, long seed, int size, Body body, Coverage coverage) {
        Trace trace = new Trace();
        try {
            body.run(new SplittableRandom(seed), size, trace, coverage);
        } catch (Throwable t) {
            String rerun = "0x" + Long.toHexString(seed) + "/" + size;
            throw new AssertionError(
                    "property '" + property + "' failed on case " + (i + 1) + " of " + n + " (base seed 0x"
                            + Long.toHexString(base) + ", case seed " + rerun + "; run it alone with"
                            + " -Dsladesk.case=" + rerun + ")\ncase:\n" + trace + "\nfailure: " + t,
                    t);
        }
    }

    private static long parse(String s) {
        s = s.strip();
        return s.startsWith("0x") || s.startsWith("0X")
                ? Long.parseUnsignedLong(s.substring(2), 16)
                : Long.parseLong(s);
    }

    /** Fails with a message naming what was compared, the expected (reference) and actual (code) values. */
    static void same(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual))
            throw new AssertionError(what + ": reference says " + expected + ", code says " + actual);
    }

    static void check(boolean condition, String message) {
        if (!condition) throw new AssertionError(message);
    }
}
