package io.sladesk.triage;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a property test in plain JUnit on cases drawn by seeded generators.
 *
 * <p>Each case is drawn from its own {@link SplittableRandom}. The case seeds come, one after another,
 * from the run seed and the test's name, so every run checks the same cases and any one of them can be
 * drawn again alone. The run seed is {@value #DEFAULT_SEED} unless the system property {@value #SEED}
 * gives another (any {@code long}, to check other cases); the system property {@value #CASE_SEED} checks
 * just the one case drawn from that seed. A failure names the test, the case as generated (there is no
 * shrinking), both seeds and the command that runs the case again.
 */
final class SeededProperty {

    static final String SEED = "triage.seed";
    static final String CASE_SEED = "triage.caseSeed";
    static final long DEFAULT_SEED = 20_261_201L;

    private SeededProperty() {}

    /**
     * Checks {@code property} on {@code tries} cases drawn by {@code generator}, or on the one case of
     * {@value #CASE_SEED}. Call it from the test method itself: the test is named after its caller.
     */
    static <T> void forAll(int tries, Function<SplittableRandom, T> generator, Consumer<T> property) {
        StackWalker.StackFrame caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.skip(1).findFirst().orElseThrow());
        String test = caller.getDeclaringClass().getSimpleName() + "#" + caller.getMethodName();
        run(test, seed(SEED, DEFAULT_SEED), seed(CASE_SEED, null), tries, generator, property);
    }

    private static Long seed(String name, Long otherwise) {
        String value = System.getProperty(name);
        // parsed strictly: a mistyped seed must not quietly run the default cases
        return value == null ? otherwise : Long.valueOf(value.trim());
    }

    /** Runs {@code test}: {@code tries} cases from {@code seed}, or the one from {@code caseSeed} when not null. */
    static <T> void run(
            String test,
            long seed,
            Long caseSeed,
            int tries,
            Function<SplittableRandom, T> generator,
            Consumer<T> property) {
        SplittableRandom seeds = new SplittableRandom(seed ^ test.hashCode() * 0x9E37_79B9_7F4A_7C15L);
        int count = caseSeed == null ? tries : 1;
        for (int i = 1; i <= count; i++) {
            long thisSeed = caseSeed == null ? seeds.nextLong() : caseSeed;
            T value = null;
            try {
                value = generator.apply(new SplittableRandom(thisSeed));
                property.accept(value);
            } catch (AssertionError | RuntimeException e) {
                String generated = value == null ? "(failed while generating it)" : String.valueOf(value);
                throw new AssertionError(
                        String.format(
                                "%s failed on case %,d of %,d (run seed %d, case seed %d)%n"
                                        + "  case: %s%n"
                                        + "  failure: %s%n"
                                        + "  check this case alone: mvn -pl triage test -Dtest=%s -D%s=%d%n"
                                        + "  or this run again: -D%s=%d",
                                test, i, count, seed, thisSeed, generated, e, test, CASE_SEED, thisSeed, SEED, seed),
                        e);
            }
        }
    }
}
