package io.sladesk.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SeededPropertyTest {

    private static List<Long> drawn(String test, long seed, int tries) {
        List<Long> values = new ArrayList<>();
        SeededProperty.run(test, seed, null, tries, SplittableRandom::nextLong, values::add);
        return values;
    }

    @Test
    void checksEveryCaseAndTheSameOnesForTheSameSeed() {
        List<Long> values = drawn("T#p", 7, 1_000);

        assertThat(values).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(drawn("T#p", 7, 1_000)).isEqualTo(values);
        assertThat(drawn("T#p", 8, 1_000)).doesNotContainAnyElementsOf(values);
        assertThat(drawn("T#q", 7, 1_000)).doesNotContainAnyElementsOf(values);
    }

    @Test
    void aFailureNamesTheCaseAndTheSeedsThatDrawItAgain() {
        AssertionError failure = catchThrowableOfType(
                () -> SeededProperty.run(
                        "T#p",
                        42,
                        null,
                        10_000,
                        random -> random.nextInt(100),
                        n -> assertThat(n).as("n").isNotEqualTo(37)),
                AssertionError.class);

        assertThat(failure)
                .hasMessageStartingWith("T#p failed on case ")
                .hasMessageContaining("run seed 42, case seed ")
                .hasMessageContaining("case: 37")
                .hasMessageContaining("[n]")
                .hasMessageContaining("-Dtest=T#p -Dcalendar.caseSeed=")
                .hasMessageContaining("-Dcalendar.seed=42");
        Matcher caseSeed = Pattern.compile("case seed (-?\\d+)").matcher(failure.getMessage());
        assertThat(caseSeed.find()).isTrue();
        long seed = Long.parseLong(caseSeed.group(1));

        List<Integer> again = new ArrayList<>();
        SeededProperty.run("T#p", 0, seed, 10_000, random -> random.nextInt(100), again::add);
        assertThat(again).containsExactly(37);
    }

    @Test
    void aFailureWhileGeneratingIsReportedToo() {
        assertThatThrownBy(() -> SeededProperty.run(
                        "T#p",
                        1,
                        null,
                        10,
                        random -> {
                            throw new IllegalStateException("no value");
                        },
                        value -> {}))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("case: (failed while generating it)")
                .hasMessageContaining("no value");
    }
}
