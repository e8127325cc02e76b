package io.sladesk.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.triage.LabelledSet.Ticket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exact accuracy and confusion matrices of the standard rules on the two halves of the labelled set
 * (docs/triage.md has the figures and how the set was written).
 *
 * <p>The rules were tuned on the dev half only. The floors are what each half reached, rounded down to
 * the whole percent: a change that loses accuracy fails here, and a change that gains it should raise
 * the floor (and the figures in docs/triage.md) in the same commit.
 */
class SuggesterAccuracyTest {

    /** Held-out exact accuracy reached, rounded down (docs/triage.md). */
    static final int HELDOUT_FLOOR_PERCENT = 90;

    /** Dev exact accuracy reached, rounded down. */
    static final int DEV_FLOOR_PERCENT = 99;

    /**
     * The texts written before any rule existed (t001–t240, half dev, half held-out); later ones (t241 on)
     * were added to the dev half only, so that the held-out half stays unseen.
     */
    static final int ORIGINAL_SET = 240;

    private static List<Ticket> tickets;

    @BeforeAll
    static void load() {
        tickets = LabelledSet.load();
    }

    record Result(String split, int total, int exact, int[][] confusion, List<String> misses) {
        double accuracy() {
            return 100.0 * exact / total;
        }

        String report() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%s: %d of %d exact = %.1f %%%n", split, exact, total, accuracy()));
            b.append("expected \\ suggested   P1   P2   P3   P4\n");
            for (Level e : Level.values()) {
                b.append(String.format("%-21s", e));
                for (Level g : Level.values()) {
                    b.append(String.format("%5d", confusion[e.ordinal()][g.ordinal()]));
                }
                b.append('\n');
            }
            for (String miss : misses) {
                b.append("  miss ").append(miss).append('\n');
            }
            return b.toString();
        }
    }

    static Result evaluate(String split) {
        Suggester suggester = Suggester.standard();
        int[][] confusion = new int[4][4];
        int total = 0;
        int exact = 0;
        List<String> misses = new ArrayList<>();
        for (Ticket t : tickets) {
            if (!t.split().equals(split)) {
                continue;
            }
            Level got = suggester.suggest(t.subject(), t.description()).severity();
            confusion[t.expected().ordinal()][got.ordinal()]++;
            total++;
            if (got == t.expected()) {
                exact++;
            } else {
                misses.add(t.id() + " (" + t.language() + ") expected " + t.expected() + ", suggested " + got);
            }
        }
        return new Result(split, total, exact, confusion, misses);
    }

    @Test
    void theSetIsWhatItsHeaderSays() {
        assertThat(tickets).hasSizeGreaterThanOrEqualTo(220);
        Set<String> ids = new HashSet<>();
        Map<String, Integer> perSplit = new HashMap<>();
        Map<String, Integer> perLanguage = new HashMap<>();
        Map<String, Integer> perSplitAndLevel = new HashMap<>();
        Map<String, Integer> originalPerSplit = new HashMap<>();
        for (Ticket t : tickets) {
            assertThat(ids.add(t.id())).as("unique id %s", t.id()).isTrue();
            assertThat(t.id()).matches("t\\d{3}");
            // the split is fixed by the id, decided before any rule existed: odd dev, even heldout
            assertThat(t.split()).as(t.id()).isEqualTo(t.number() % 2 == 1 ? "dev" : "heldout");
            assertThat(t.language()).as(t.id()).isIn("en", "zh", "mixed");
            assertThat(t.subject()).as(t.id()).isNotBlank();
            assertThat(t.description()).as(t.id()).isNotBlank();
            if (t.number() > ORIGINAL_SET) {
                // added after the first held-out run (2026-12-01, review findings): dev only
                assertThat(t.split()).as(t.id()).isEqualTo("dev");
            } else {
                originalPerSplit.merge(t.split(), 1, Integer::sum);
            }
            perSplit.merge(t.split(), 1, Integer::sum);
            perLanguage.merge(t.language(), 1, Integer::sum);
            perSplitAndLevel.merge(t.split() + " " + t.expected(), 1, Integer::sum);
        }
        assertThat(originalPerSplit.get("dev")).isEqualTo(originalPerSplit.get("heldout"));
        assertThat(perSplit.get("heldout")).isEqualTo(ORIGINAL_SET / 2);
        // about half English and half Chinese, with mixed-language texts
        assertThat(perLanguage.get("en")).isBetween(tickets.size() / 3, tickets.size() / 2);
        assertThat(perLanguage.get("zh")).isBetween(tickets.size() / 3, tickets.size() / 2);
        assertThat(perLanguage.get("mixed")).isGreaterThanOrEqualTo(tickets.size() / 10);
        // each severity roughly evenly in each half
        for (String split : List.of("dev", "heldout")) {
            for (Level level : Level.values()) {
                assertThat(perSplitAndLevel.get(split + " " + level))
                        .as("%s %s", split, level)
                        .isGreaterThanOrEqualTo(perSplit.get(split) / 5);
            }
        }
    }

    @Test
    void heldOutAccuracyHoldsItsFloor() {
        Result dev = evaluate("dev");
        Result heldout = evaluate("heldout");
        System.out.print(dev.report());
        System.out.print(heldout.report());

        assertThat(heldout.accuracy()).as(heldout.report()).isGreaterThanOrEqualTo(HELDOUT_FLOOR_PERCENT);
        assertThat(dev.accuracy()).as(dev.report()).isGreaterThanOrEqualTo(DEV_FLOOR_PERCENT);
    }

    @Test
    void noUrgentTextIsSuggestedMediumOrLow() {
        for (String split : List.of("dev", "heldout")) {
            Result r = evaluate(split);
            int[] p1 = r.confusion()[Level.P1.ordinal()];
            assertThat(p1[Level.P3.ordinal()] + p1[Level.P4.ordinal()])
                    .as("P1 texts suggested P3 or P4 in %s%n%s", split, r.report())
                    .isZero();
        }
    }
}
