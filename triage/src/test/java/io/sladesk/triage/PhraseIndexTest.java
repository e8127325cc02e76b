package io.sladesk.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhraseIndexTest {

    private static List<String> found(PhraseIndex index, List<String> patterns, String text) {
        Feed feed = Feed.of(text);
        List<String> result = new ArrayList<>();
        for (PhraseIndex.Match m : index.matches(feed)) {
            result.add(m.start() + ":" + patterns.get(m.pattern()));
        }
        result.sort(Comparator.naturalOrder());
        return result;
    }

    private static PhraseIndex index(List<String> patterns) {
        PhraseIndex.Builder b = new PhraseIndex.Builder();
        for (String p : patterns) {
            b.add(p);
        }
        return b.build();
    }

    @Test
    void findsOverlappingPatternsAndRespectsWordBoundaries() {
        List<String> patterns = List.of("down", "is down", "無法", "無法使用", "使用", "log in");
        PhraseIndex index = index(patterns);
        assertThat(found(index, patterns, "it is down, downloads are down"))
                .containsExactlyInAnyOrder("3:is down", "6:down", "26:down");
        assertThat(found(index, patterns, "系統無法使用了")).containsExactlyInAnyOrder("2:無法", "2:無法使用", "4:使用");
        assertThat(found(index, patterns, "inbox無法使用")).contains("5:無法使用");
        assertThat(found(index, patterns, "login, log in, log  in, xlog in"))
                .containsExactlyInAnyOrder("7:log in", "15:log in");
    }

    /** The automaton agrees with a search of every pattern at every position, on random texts. */
    @Test
    void agreesWithANaiveSearch() {
        SeededProperty.forAll(
                500,
                random -> {
                    String alphabet = "ab 中文.";
                    Set<String> patterns = new LinkedHashSet<>();
                    int n = 1 + random.nextInt(12);
                    while (patterns.size() < n) {
                        String p = word(random, alphabet, 1 + random.nextInt(4)).strip();
                        if (!p.isEmpty() && !p.contains("  ")) {
                            patterns.add(p);
                        }
                    }
                    return new Object[] {new ArrayList<>(patterns), word(random, alphabet, random.nextInt(60))};
                },
                c -> {
                    @SuppressWarnings("unchecked")
                    List<String> patterns = (List<String>) c[0];
                    String text = (String) c[1];
                    Feed feed = Feed.of(text);
                    String read = new String(feed.chars, 0, feed.length);
                    List<String> expected = new ArrayList<>();
                    for (String p : patterns) {
                        for (int at = read.indexOf(p); at >= 0; at = read.indexOf(p, at + 1)) {
                            boolean left = Fold.classOf(p.charAt(0)) != Fold.WORD || !feed.isWord(at - 1);
                            boolean right = Fold.classOf(p.charAt(p.length() - 1)) != Fold.WORD
                                    || !feed.isWord(at + p.length());
                            if (left && right) {
                                expected.add(at + ":" + p);
                            }
                        }
                    }
                    expected.sort(Comparator.naturalOrder());
                    assertThat(found(index(patterns), patterns, text)).isEqualTo(expected);
                });
    }

    private static String word(SplittableRandom random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
