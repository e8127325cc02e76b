package io.sladesk.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Properties of every suggestion, on seeded random texts (see {@link SeededProperty}). */
class SuggesterProperties {

    private static final Suggester S = Suggester.standard();

    /** Pieces a ticket is made of: signs and cues of every kind, filler, and hostile characters. */
    private static final String[] PIECES = {
        "the inbox is down",
        "not down",
        "outage",
        "data loss",
        "restore from backup",
        "very slow",
        "performance",
        "crashes",
        "crashed",
        "crashing",
        "not working",
        "workaround",
        "there is a workaround",
        "we can work around it",
        "how do I",
        "documentation",
        "training",
        "all users",
        "one user",
        "a few users",
        "nobody can log in",
        "can't log in",
        "cannot log in for anyone",
        "error",
        "sometimes",
        "minor",
        "no rush",
        "drop-down",
        "無法使用",
        "完全中斷",
        "當機",
        "沒有當機",
        "資料損壞",
        "資料遺失",
        "備份",
        "還原",
        "效能",
        "變慢",
        "很慢",
        "替代方案",
        "暫時",
        "還可以用",
        "如何",
        "怎麼",
        "請問",
        "文件",
        "教學",
        "訓練",
        "所有使用者",
        "整個公司",
        "只有一位",
        "不是完全無法使用",
        "沒有人能登入",
        "錯誤",
        "偶爾",
        "不急",
        "是不是",
        "功能不能用",
        "ＤＯＷＮ",
        "ｏｕｔａｇｅ",
        "，",
        "。",
        "、",
        "「",
        "」",
        "！",
        "？",
        "：",
        "；",
        ",",
        ".",
        "!",
        "?",
        ";",
        ":",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\u3000",
        "\u00A0",
        "-",
        "'",
        "’",
        "\"",
        "(",
        ")",
        "/",
        "hello",
        "we",
        "the",
        "and",
        "but",
        "our",
        "team",
        "customer",
        "我們",
        "客戶",
        "今天",
        "但是",
        "然後",
        "😀",
        "\uD83D",
        "\uDE00",
        "\u0301",
        "\u200B",
        "İ",
        "ß",
        "Ω",
        "123",
        "502",
        "P1",
        "URGENT",
        "緊急"
    };

    private static String text(SplittableRandom random, int maxPieces) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(8) == 0) {
                b.append((char) random.nextInt(Character.MAX_VALUE + 1));
            } else {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            if (random.nextBoolean()) {
                b.append(' ');
            }
        }
        return b.toString();
    }

    record Ticket(String subject, String description) {
        @Override
        public String toString() {
            return "subject=" + quote(subject) + ", description=" + quote(description);
        }

        private static String quote(String s) {
            if (s == null) {
                return "null";
            }
            StringBuilder b = new StringBuilder("\"");
            s.chars().forEach(c -> {
                if (c < 0x20 || c > 0x7E) {
                    b.append(String.format("\\u%04X", c));
                } else {
                    b.append((char) c);
                }
            });
            return b.append('"').toString();
        }
    }

    private static Ticket ticket(SplittableRandom random) {
        String subject = random.nextInt(10) == 0 ? null : text(random, 6);
        String description = random.nextInt(10) == 0 ? null : text(random, 40);
        return new Ticket(subject, description);
    }

    @Test
    void everySuggestionHasASeverityAndReasonsQuotedFromTheInput() {
        SeededProperty.forAll(3_000, SuggesterProperties::ticket, t -> {
            Suggestion s = S.suggest(t.subject(), t.description());
            assertThat(s.severity()).isNotNull();
            String input =
                    (t.subject() == null ? "" : t.subject()) + "\n" + (t.description() == null ? "" : t.description());
            String folded = Fold.fold(input);
            for (Reason r : s.reasons()) {
                assertThat(r.phrase()).isNotEmpty();
                assertThat(r.severity()).isNotNull();
                // the customer's own words, from the subject or the description, never across both
                boolean inSubject = t.subject() != null && t.subject().contains(r.phrase());
                boolean inDescription =
                        t.description() != null && t.description().contains(r.phrase());
                assertThat(inSubject || inDescription).as("%s in the input", r).isTrue();
                assertThat(folded).contains(Fold.fold(r.phrase()));
                assertThat(S.explain(r.rule(), Locale.ENGLISH)).isNotBlank();
            }
            if (s.reasons().isEmpty()) {
                assertThat(s.severity()).isEqualTo(Level.P4);
            }
        });
    }

    @Test
    void suggestionsAreDeterministic() {
        Suggester fresh = Suggester.of(RuleSet.load(Suggester.RESOURCE));
        SeededProperty.forAll(1_000, SuggesterProperties::ticket, t -> {
            Suggestion first = S.suggest(t.subject(), t.description());
            assertThat(S.suggest(t.subject(), t.description())).isEqualTo(first);
            assertThat(fresh.suggest(t.subject(), t.description())).isEqualTo(first);
        });
    }

    @Test
    void anUrgentSentenceIsNeverMediumOrLowWhateverElseIsSaid() {
        String[] urgent = {
            "The service is down.", "We have an outage.", "We had data loss.", "Please restore from backup.",
            "系統當機了。", "資料遺失。", "服務完全中斷。", "業務流程嚴重中斷。"
        };
        SeededProperty.forAll(
                2_000,
                random -> {
                    Ticket t = ticket(random);
                    String d = t.description() == null ? "" : t.description();
                    int at = random.nextInt(d.length() + 1);
                    String sentence = urgent[random.nextInt(urgent.length)];
                    return new Ticket(t.subject(), d.substring(0, at) + "\n" + sentence + "\n" + d.substring(at));
                },
                t -> {
                    Level level = S.suggest(t.subject(), t.description()).severity();
                    assertThat(level).isIn(Level.P1, Level.P2);
                });
    }

    @Test
    void foldingKeepsTheLength() {
        SeededProperty.forAll(
                2_000,
                random -> text(random, 30),
                text -> assertThat(Fold.fold(text)).hasSize(text.length()));
    }

    @Test
    void concurrentCallersGetWhatOneCallerGets() throws Exception {
        List<Ticket> tickets = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(2026_12_01L);
        for (int i = 0; i < 2_000; i++) {
            tickets.add(ticket(random));
        }
        List<Suggestion> expected = new ArrayList<>();
        for (Ticket t : tickets) {
            expected.add(S.suggest(t.subject(), t.description()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Suggestion>>> futures = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                futures.add(pool.submit(() -> {
                    List<Suggestion> got = new ArrayList<>();
                    for (Ticket t : tickets) {
                        got.add(S.suggest(t.subject(), t.description()));
                    }
                    return got;
                }));
            }
            for (Future<List<Suggestion>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
