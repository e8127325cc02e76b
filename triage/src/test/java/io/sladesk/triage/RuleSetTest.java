package io.sladesk.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    private static final String NEGATION = """
            [cue.negation]
            kind = negation
            severity = P4
            en = not
            zh = 沒有
            explain.en = negated (seed)
            explain.zh = 否定(種子文件)
            """;

    private static String rule(String id, String kind, String en, String zh) {
        return "[" + id + "]\nkind = " + kind + "\nseverity = P2\nen = " + en + "\nzh = " + zh
                + "\nexplain.en = e (seed)\nexplain.zh = 中(種子文件)\n";
    }

    @Test
    void theStandardRulesLoadAndUseEveryKind() {
        RuleSet rules = RuleSet.load(Suggester.RESOURCE);
        Set<Rule.Kind> kinds = EnumSet.noneOf(Rule.Kind.class);
        for (Rule r : rules.rules) {
            kinds.add(r.kind());
            assertThat(r.id()).matches("(p[1-4]|cue|ok|neutral)\\.[a-z0-9-]+");
            if (r.kind() == Rule.Kind.SIGNAL || r.kind() == Rule.Kind.LOW) {
                // a sign's id names the severity it stands for
                assertThat(r.id()).as(r.id()).startsWith(r.severity().name().toLowerCase() + ".");
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(Rule.Kind.values());
        assertThat(rules.index.patternCount()).isGreaterThan(1_000);
    }

    @Test
    void expandsDefinesAndInflections() {
        List<String> forms = RuleSet.expand("{CANNOT} log* in", Map.of("CANNOT", List.of("cannot", "can't")), "test");
        assertThat(forms)
                .contains("cannot log in", "can't log in", "cannot logs in", "can't logged in", "cannot logging in");
        assertThat(RuleSet.expand("crash*", Map.of(), "test"))
                .containsExactly("crash", "crashes", "crashed", "crashing");
        assertThat(RuleSet.expand("{不能}登入", Map.of("不能", List.of("無法", "不能")), "test"))
                .containsExactly("無法登入", "不能登入");
    }

    @Test
    void phrasesAreFoldedLikeTheText() {
        assertThat(RuleSet.normalize("  Can’t   LOG in ")).isEqualTo("can't log in");
        assertThat(RuleSet.normalize("無法 使用")).isEqualTo("無法使用");
        assertThat(RuleSet.normalize("ＤＯＷＮ")).isEqualTo("down");
    }

    @Test
    void aPhraseBelongsToOneRule() {
        String text = NEGATION + rule("p2.a", "signal", "slow", "慢") + rule("p2.b", "signal", "SLOW", "快");
        assertThatThrownBy(() -> RuleSet.parse(text, "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"slow\" is in p2.a and p2.b");
    }

    @Test
    void refusesMistakes() {
        assertThatThrownBy(() -> RuleSet.parse(NEGATION + "[p2.x]\nkind = signal\ncolour = red\n", "t"))
                .hasMessageContaining("unknown key colour");
        assertThatThrownBy(() -> RuleSet.parse(NEGATION + rule("p2.x", "sign", "a", "甲"), "t"))
                .hasMessageContaining("unknown kind sign");
        assertThatThrownBy(() -> RuleSet.parse(NEGATION + rule("p2.x", "signal", "{NOPE} a", "甲"), "t"))
                .hasMessageContaining("{NOPE} is not defined");
        assertThatThrownBy(() -> RuleSet.parse(NEGATION + rule("P2 X", "signal", "a", "甲"), "t"))
                .hasMessageContaining("bad rule id");
        assertThatThrownBy(() -> RuleSet.parse(
                        NEGATION + rule("p2.x", "signal", "a", "甲") + rule("p2.x", "signal", "b", "乙"), "t"))
                .hasMessageContaining("defined twice");
        assertThatThrownBy(() -> RuleSet.parse(
                        NEGATION + "[p2.x]\nkind = signal\nseverity = P2\nen = a\nzh = 甲\nexplain.en = e\n", "t"))
                .hasMessageContaining("needs explain.zh");
        assertThatThrownBy(() ->
                        RuleSet.parse(NEGATION + rule("p2.x", "signal", "a", "").replace("zh = \n", ""), "t"))
                .hasMessageContaining("needs English and Chinese phrases");
        assertThatThrownBy(() -> RuleSet.parse(NEGATION + rule("ok.x", "positive", "a", "甲"), "t"))
                .hasMessageContaining("needs the rule it counts as");
        assertThatThrownBy(() -> RuleSet.parse(
                        NEGATION
                                + rule("p2.x", "signal", "a", "甲")
                                        .replace("kind = signal", "kind = signal\nnegated = p9.y"),
                        "t"))
                .hasMessageContaining("p9.y, which is no rule");
        assertThatThrownBy(() -> RuleSet.parse(rule("p2.x", "signal", "a", "甲"), "t"))
                .hasMessageContaining("cue.negation is missing");
    }

    @Test
    void aSmallRuleSetSuggests() {
        String text = "define SLOW = slow | sluggish\n" + NEGATION + rule("p2.slow", "signal", "{SLOW} | lag*", "很慢");
        Suggester s = Suggester.of(RuleSet.parse(text, "t"));
        assertThat(s.suggest("Lagging", null))
                .isEqualTo(new Suggestion(Level.P2, List.of(new Reason("Lagging", Level.P2, "p2.slow"))));
        assertThat(s.suggest("not sluggish", null).severity()).isEqualTo(Level.P4);
        assertThat(s.suggest("沒有很慢", null).reasons()).containsExactly(new Reason("沒有很慢", Level.P4, "cue.negation"));
    }
}
