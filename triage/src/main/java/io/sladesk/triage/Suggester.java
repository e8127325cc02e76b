package io.sladesk.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Suggests a ticket's severity from its subject and description, with the phrases that made it so.
 *
 * <h2>Reading the text</h2>
 *
 * Subject and description are read as one text ({@link Feed}): folded character by character
 * ({@link Fold}: case, full-width forms, Chinese punctuation, a few Simplified characters), white space
 * made uniform, and matched against every phrase of every rule at once ({@link PhraseIndex}). Where
 * phrases overlap, the one that starts first wins, then the longest: {@code not working} (a sign of a
 * broken feature) beats {@code not} (a negation), {@code 沒有替代方案} ("no workaround") beats {@code 沒有}
 * ("not"), {@code drop-down} (nothing) beats {@code down} (an outage).
 *
 * <h2>Negation</h2>
 *
 * A negation ({@code not}, {@code no}, {@code isn't}, {@code 沒有}, {@code 不是} …) takes the match right
 * after it, if that match is in the same clause (no {@code . , ; : ! ?} or line break between) and at
 * most {@value #NEGATION_REACH} words or CJK characters away: {@code not down}, {@code isn't really an
 * outage}, {@code 沒有任何資料遺失}, {@code 不是完全無法使用}. A negated sign does not count; the reason
 * {@code cue.negation} quotes both. Some rules say what their negation means instead: a negated
 * workaround ({@code there isn't any workaround}) is {@code cue.no-workaround}, a negated ability
 * ({@code nobody can log in}, {@code 沒有人能登入}) is the failure of that ability. {@code nobody}, {@code
 * no one}, {@code 沒有人} also say that everyone is affected.
 *
 * <h2>Combining: why this rule</h2>
 *
 * The seed defines each severity by its worst feature, so the strongest sign decides; the cues then
 * test the conditions the seed attaches to each level, in this order:
 *
 * <ol>
 *   <li><b>Strongest sign.</b> The most urgent of the signs (signals, and the P4 signs of questions
 *       and minor issues) is the base. A sign that names access to the whole service (signing in,
 *       opening the app, server errors, messages, things gone) is P2 for one person and P1 when a
 *       {@code raise} cue says everyone is affected ({@code all users}, {@code 整個公司}), that it is
 *       complete ({@code 完全}) or that there is no workaround: the seed's P1 is a business stopped.
 *       Counting signs instead of taking the strongest would let three mentions of a cosmetic bug
 *       outvote one "data loss", which the seed never would.
 *   <li><b>Few users</b> ({@code one user}, {@code 只有一位}), or <b>the others are fine</b> ({@code most
 *       are fine}, {@code 大部分正常}): one level less urgent. The seed's P4 is "bugs that affect few
 *       users"; its P1 is the business stopped, which one user is not. When the others are said to be
 *       fine, an outage sign counts as P2 first (the service is up for most), so it can end at P3.
 *   <li><b>Partial</b> ({@code some}, {@code 部分}): a P2 counts as P3 (a P1 as P2): the seed's P3 is
 *       "a partial, non-critical loss of service".
 *   <li><b>Workaround or still usable</b> ({@code there is a workaround}, {@code 還可以用}): not P1. The
 *       seed's P1 has "no feasible way to keep working"; its P2 has "a temporary workaround". A
 *       workaround does not lower P2 or P3: both of the seed's definitions include one.
 *   <li><b>Minor or a feature request</b> ({@code typo}, {@code 不急}, {@code would be nice}): a P3
 *       becomes P4, since the seed's P4 is "minor technical issues". A <b>question</b> ({@code how do
 *       I}, {@code 請問}) lowers nothing that is broken: "some agents cannot log in, how do we fix it?"
 *       is the login failure. It only makes a mention ({@code backup}) count as P4 when no fault is
 *       described, and with "nothing is wrong" ({@code 目前一切正常}) the text is P4.
 *   <li><b>Never below P2 with a P1 sign.</b> A P1 sign that is not negated keeps the suggestion at P2
 *       or above whatever the cues say, so that a wrong cue costs one level at most on an urgent ticket
 *       (the cues above already cannot go further; this states it). Suggesting P3 for an outage would
 *       cost the customer hours of SLA; suggesting P2 costs 75 minutes of first response.
 * </ol>
 *
 * Before combining, a workaround followed by its failure ({@code the workaround doesn't work}, {@code
 * 替代方案沒有用}) becomes {@code cue.workaround-failed}, a raise cue; a hypothetical ({@code if we ever},
 * {@code 萬一}) takes the signs after it in its sentence; "sometimes" ({@code 有時候}) makes the sign next
 * to it one level less urgent.
 *
 * <p>Nothing matched: P4 with no reasons (the seed's lowest level; the customer may ask for a
 * re-evaluation). The result depends on the text only: no state, no randomness, no time.
 *
 * <h2>Reasons</h2>
 *
 * In the order they appear: every sign that counted (with the level it counted at), every negation
 * with what it negated, and each cue that changed the result. The same phrase of the same rule is
 * given once.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Suggester {

    static final String NEGATION_RULE = "cue.negation";
    static final String WORKAROUND_RULE = "cue.workaround";
    static final String WORKAROUND_FAILED_RULE = "cue.workaround-failed";
    static final String FEATURE_BROKEN_RULE = "p2.feature-broken";
    static final String COMPONENT_RULE = "p3.component-misbehaves";
    static final String RESOURCE = "rules.txt";

    /** How far a negation reaches: words (Latin) or characters (CJK) between it and what it negates. */
    static final int NEGATION_REACH = 4;

    /**
     * How far after a workaround its failure may be said ("the workaround you gave us doesn't work", "we
     * tried the temporary fix, it didn't help", "暫時的方法也不行"): words or CJK characters between.
     */
    static final int FAILED_REACH = 6;

    private final RuleSet rules;

    private Suggester(RuleSet rules) {
        this.rules = rules;
    }

    private static final class Standard {
        static final Suggester INSTANCE = new Suggester(RuleSet.load(RESOURCE));
    }

    /** The built-in rule set ({@code rules.txt}), loaded and compiled once. */
    public static Suggester standard() {
        return Standard.INSTANCE;
    }

    /** A suggester of other rules, in the format of {@code rules.txt} (for tests). */
    static Suggester of(RuleSet rules) {
        return new Suggester(rules);
    }

    RuleSet rules() {
        return rules;
    }

    /** A matched phrase and how it counts. */
    private static final class Hit {
        final int start;
        final int end;
        final Rule rule;
        Rule countsAs;
        int quoteStart;
        int quoteEnd;
        boolean negated;
        /** Said as part of another hit (the failure of a workaround): counts no more on its own. */
        boolean consumed;
        /** Said to happen only sometimes ("sometimes doesn't load"): one level less urgent, P2 at most. */
        boolean sometimes;

        Level counted;

        Hit(int start, int end, Rule rule) {
            this.start = start;
            this.end = end;
            this.rule = rule;
            this.countsAs = rule;
            this.quoteStart = start;
            this.quoteEnd = end;
        }
    }

    /**
     * The severity the subject and description suggest, with the reasons. Either may be null or empty;
     * when nothing matches the suggestion is P4 with no reasons.
     */
    public Suggestion suggest(String subject, String description) {
        Feed feed = Feed.of(subject, description);
        List<Hit> hits = select(feed);
        negate(feed, hits);
        failedWorkarounds(feed, hits);
        hypothetical(feed, hits);
        intermittent(feed, hits);
        return combine(feed, hits);
    }

    /** Leftmost, then longest, non-overlapping matches; neutral phrases are dropped once they have won. */
    private List<Hit> select(Feed feed) {
        List<PhraseIndex.Match> matches = rules.index.matches(feed);
        matches.sort(Comparator.comparingInt(PhraseIndex.Match::start)
                .thenComparing(
                        Comparator.comparingInt(PhraseIndex.Match::length).reversed())
                .thenComparingInt(PhraseIndex.Match::pattern));
        List<Hit> hits = new ArrayList<>();
        int covered = -1;
        for (PhraseIndex.Match m : matches) {
            if (m.start() <= covered) {
                continue;
            }
            covered = m.end();
            Rule rule = rules.patternRule[m.pattern()];
            if (rule.kind() != Rule.Kind.NEUTRAL) {
                hits.add(new Hit(m.start(), m.end(), rule));
            }
        }
        return hits;
    }

    private void negate(Feed feed, List<Hit> hits) {
        for (int i = 0; i + 1 < hits.size(); i++) {
            Hit negation = hits.get(i);
            if (negation.rule.kind() != Rule.Kind.NEGATION || negation.negated) {
                continue;
            }
            Hit next = hits.get(i + 1);
            Rule.Kind kind = next.rule.kind();
            if (kind == Rule.Kind.NEGATION) {
                continue; // "not no": no double negation, the second one takes what follows it
            }
            if (!within(feed, negation.end + 1, next.start)) {
                continue;
            }
            next.negated = true;
            next.quoteStart = negation.start;
            String as = next.rule.negated() != null ? next.rule.negated() : NEGATION_RULE;
            next.countsAs = rules.byId.get(as);
        }
    }

    /** Whether the characters read from {@code from} (included) to {@code to} (excluded) are one short clause. */
    private static boolean within(Feed feed, int from, int to) {
        return within(feed, from, to, NEGATION_REACH, false);
    }

    /**
     * Whether the characters read from {@code from} (included) to {@code to} (excluded) are at most {@code
     * reach} words or CJK characters of one clause, or of one sentence when {@code commas} (a comma, a
     * colon or a dash does not end it then; a full stop, {@code ! ? ;} or a line break does).
     */
    private static boolean within(Feed feed, int from, int to, int reach, boolean commas) {
        int units = 0;
        boolean inWord = false;
        for (int i = from; i < to; i++) {
            char c = feed.chars[i];
            byte cls = Fold.classOf(c);
            if (cls == Fold.NEWLINE || (cls == Fold.CLAUSE && (!commas || sentenceEnd(c)))) {
                return false;
            }
            if (cls == Fold.WORD) {
                if (!inWord) {
                    units++;
                }
                inWord = true;
            } else {
                inWord = false;
                if (cls == Fold.CJK) {
                    units++;
                }
            }
            if (units > reach) {
                return false;
            }
        }
        return true;
    }

    /** Whether no sentence ends between {@code from} (included) and {@code to} (excluded). */
    private static boolean sameSentence(Feed feed, int from, int to) {
        for (int i = from; i < to; i++) {
            if (sentenceEnd(feed.chars[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean sentenceEnd(char folded) {
        return folded == '.' || folded == '!' || folded == '?' || folded == ';' || folded == '\n';
    }

    /**
     * A workaround followed closely by its failure ("the workaround you gave us doesn't work", "we tried
     * the temporary fix, it didn't help", "替代方案沒有用", "workaround failed") is no workaround: it counts
     * as {@value #WORKAROUND_FAILED_RULE}, quoted up to the failure. A failure said by a sign ("doesn't
     * work", "fails") must be in the same clause; one said as such ("didn't help") may follow a comma.
     */
    private void failedWorkarounds(Feed feed, List<Hit> hits) {
        Rule failed = rules.byId.get(WORKAROUND_FAILED_RULE);
        if (failed == null) {
            return;
        }
        for (int i = 0; i + 1 < hits.size(); i++) {
            Hit workaround = hits.get(i);
            if (workaround.negated || !workaround.rule.id().equals(WORKAROUND_RULE)) {
                continue;
            }
            Hit next = hits.get(i + 1);
            boolean saidFailed = next.rule.kind() == Rule.Kind.FAILED
                    && within(feed, workaround.end + 1, next.start, FAILED_REACH, true);
            boolean broken = !next.negated
                    && (next.rule.id().equals(FEATURE_BROKEN_RULE)
                            || next.rule.id().equals(COMPONENT_RULE))
                    && within(feed, workaround.end + 1, next.start, FAILED_REACH, false);
            if (saidFailed || broken) {
                workaround.countsAs = failed;
                workaround.quoteEnd = next.end;
                next.consumed = saidFailed;
            }
        }
    }

    /**
     * "Sometimes", "有時候" modify the sign next to them in the same clause (the one after, else the one
     * before): "the avatar sometimes doesn't load" is an intermittent fault of a component, one level less
     * urgent, while in "very slow and sometimes fails" the slowness is not intermittent.
     */
    private static void intermittent(Feed feed, List<Hit> hits) {
        for (int i = 0; i < hits.size(); i++) {
            Hit h = hits.get(i);
            if (h.rule.kind() != Rule.Kind.INTERMITTENT || h.negated) {
                continue;
            }
            Hit after = i + 1 < hits.size() ? hits.get(i + 1) : null;
            Hit before = i > 0 ? hits.get(i - 1) : null;
            if (after != null && isSign(after) && within(feed, h.end + 1, after.start)) {
                after.sometimes = true;
            } else if (before != null && isSign(before) && within(feed, before.end + 1, h.start)) {
                before.sometimes = true;
            }
        }
    }

    private static boolean isSign(Hit h) {
        Rule.Kind kind = h.countsAs.kind();
        return !h.negated && (kind == Rule.Kind.SIGNAL || kind == Rule.Kind.MENTION);
    }

    /**
     * A hypothetical ("if we ever", "萬一") takes every sign after it in the same sentence: nothing has
     * happened, so they do not count; each is quoted from the hypothetical as {@code cue.hypothetical}.
     */
    private void hypothetical(Feed feed, List<Hit> hits) {
        for (int i = 0; i < hits.size(); i++) {
            Hit hypothetical = hits.get(i);
            if (hypothetical.rule.kind() != Rule.Kind.HYPOTHETICAL || hypothetical.negated) {
                continue;
            }
            int from = hypothetical.end + 1;
            for (int j = i + 1; j < hits.size(); j++) {
                Hit next = hits.get(j);
                if (!sameSentence(feed, from, next.start)) {
                    break;
                }
                from = Math.max(from, next.start); // each character is looked at once
                Rule.Kind kind = next.countsAs.kind();
                if (kind == Rule.Kind.SIGNAL || kind == Rule.Kind.MENTION || kind == Rule.Kind.INTERMITTENT) {
                    next.negated = true;
                    next.quoteStart = hypothetical.start;
                    next.countsAs = hypothetical.rule;
                }
            }
        }
    }

    private Suggestion combine(Feed feed, List<Hit> hits) {
        // 1. a raise cue anywhere ("all users", "完全", "no workaround", "nobody", a workaround that failed)
        //    lifts the signs that have an everyone level; a confined cue ("most are fine") confines the
        //    signs that have a confined level; a question, a hypothetical or "nothing is wrong" says that
        //    a mention may be only a question
        boolean raise = false;
        boolean confined = false;
        boolean asked = false;
        boolean clear = false;
        for (Hit h : hits) {
            Rule r = h.countsAs;
            raise |= r.kind() == Rule.Kind.RAISE
                    || (r.kind() == Rule.Kind.NEGATION && r.everyone() != null)
                    || (r.kind() == Rule.Kind.FAILED && h.rule != r);
            confined |= r.kind() == Rule.Kind.CONFINED;
            asked |= r.kind() == Rule.Kind.QUESTION || h.rule.kind() == Rule.Kind.HYPOTHETICAL;
            clear |= r.kind() == Rule.Kind.ALL_CLEAR;
        }

        Level base = null;
        Level plain = null;
        boolean p1Sign = false;
        boolean low = false;
        boolean broken = false;
        List<Hit> reasons = new ArrayList<>();
        List<Hit> raises = new ArrayList<>();
        List<Hit> lowers = new ArrayList<>();
        List<Hit> partials = new ArrayList<>();
        List<Hit> notUrgent = new ArrayList<>();
        List<Hit> allClear = new ArrayList<>();
        List<Hit> mentions = new ArrayList<>();
        List<Hit> failed = new ArrayList<>();
        for (Hit h : hits) {
            Rule r = h.countsAs;
            if (h.consumed) {
                continue;
            }
            if (h.negated && (r.id().equals(NEGATION_RULE) || r.kind() == Rule.Kind.HYPOTHETICAL)) {
                h.counted = r.severity();
                reasons.add(h);
                continue;
            }
            switch (r.kind()) {
                case SIGNAL, LOW, QUESTION, INTERMITTENT -> {
                    Level unraised = confined && r.confined() != null ? r.confined() : r.severity();
                    boolean lifted = raise && r.everyone() != null && unraised == r.severity();
                    h.counted = lifted ? r.everyone() : unraised;
                    if (h.sometimes && h.counted.compareTo(Level.P2) <= 0) {
                        h.counted = less(h.counted); // intermittent: one level less urgent
                    }
                    base = min(base, h.counted);
                    plain = min(plain, unraised);
                    p1Sign |= unraised == Level.P1;
                    low |= r.kind() == Rule.Kind.LOW;
                    broken |= (r.kind() == Rule.Kind.SIGNAL || r.kind() == Rule.Kind.INTERMITTENT)
                            && r.severity() != Level.P4;
                    reasons.add(h);
                }
                case MENTION -> mentions.add(h);
                case RAISE -> raises.add(h);
                case LOWER, CONFINED -> lowers.add(h);
                case PARTIAL -> partials.add(h);
                case NOT_URGENT -> notUrgent.add(h);
                case ALL_CLEAR -> allClear.add(h);
                case FAILED -> {
                    if (h.rule != r) {
                        failed.add(h); // a workaround that failed: no workaround (a raise cue)
                    }
                }
                case NEGATION -> {
                    if (r.everyone() != null) {
                        raises.add(h);
                    }
                }
                default -> {
                    // a positive ability counts only when negated; neutral phrases were dropped already;
                    // a failure said without a workaround before it is said by a sign too, or nothing
                }
            }
        }
        // a mention ("backup", "還原") is only a question when the text asks and nothing is broken
        boolean onlyAsking = (asked || !allClear.isEmpty()) && !broken;
        for (Hit h : mentions) {
            Rule r = h.countsAs;
            h.counted = onlyAsking ? Level.P4 : raise && r.everyone() != null ? r.everyone() : r.severity();
            base = min(base, h.counted);
            plain = min(plain, onlyAsking ? Level.P4 : r.severity());
            reasons.add(h);
        }
        if (base == null) {
            return suggestion(feed, Level.P4, reasons);
        }

        Level level = base;
        // a failed workaround is always shown: it is why the workaround did not make the text less urgent
        reasons.addAll(failed);
        if (base.compareTo(plain) < 0) {
            counted(raises, Level.P1);
            reasons.addAll(raises);
        }
        // 2. few users, or the others are fine: one level less urgent
        if (!lowers.isEmpty() && level != Level.P4) {
            level = less(level);
            counted(lowers, level);
            reasons.addAll(lowers);
        }
        // 3. partial: P2 counts as P3, P1 as P2
        if (!partials.isEmpty() && level.compareTo(Level.P2) <= 0) {
            level = less(level);
            counted(partials, level);
            reasons.addAll(partials);
        }
        // 4. a workaround, still usable, or nothing wrong said without a question: not P1; once a
        //    workaround is said to have failed, the other mentions of a workaround are that one
        if (!failed.isEmpty()) {
            notUrgent.removeIf(h -> h.rule.id().equals(WORKAROUND_RULE));
        }
        if (!asked) {
            notUrgent.addAll(allClear);
        }
        if (!notUrgent.isEmpty() && level == Level.P1) {
            level = Level.P2;
            counted(notUrgent, level);
            reasons.addAll(notUrgent);
        }
        // 5. a minor issue or a feature request: P3 becomes P4 (its signs are among the reasons already);
        //    a question does not: "how do we fix it?" after a real fault is still the fault
        if (low && level == Level.P3) {
            level = Level.P4;
        }
        // 6. a question while nothing is wrong ("nothing is wrong right now", "目前一切正常"): P4
        if (asked && !allClear.isEmpty()) {
            counted(allClear, Level.P4);
            reasons.addAll(allClear);
            return suggestion(feed, Level.P4, reasons, failed);
        }
        // 7. never below P2 with a P1 sign that is not negated
        if (p1Sign && level.compareTo(Level.P2) > 0) {
            level = Level.P2;
        }
        return suggestion(feed, level, reasons, failed);
    }

    private static Suggestion suggestion(Feed feed, Level level, List<Hit> reasons, List<Hit> failed) {
        counted(failed, level);
        return suggestion(feed, level, reasons);
    }

    private static void counted(List<Hit> cues, Level level) {
        for (Hit h : cues) {
            h.counted = level;
        }
    }

    private static Suggestion suggestion(Feed feed, Level level, List<Hit> reasons) {
        reasons.sort(Comparator.comparingInt((Hit h) -> h.quoteStart).thenComparingInt(h -> h.quoteEnd));
        List<Reason> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Hit h : reasons) {
            String rule = h.countsAs.id();
            // the same phrase, folded, of the same rule is given once
            String key = rule + '\u0000' + new String(feed.chars, h.quoteStart, h.quoteEnd - h.quoteStart + 1);
            if (seen.add(key)) {
                result.add(new Reason(feed.quote(h.quoteStart, h.quoteEnd), h.counted, rule));
            }
        }
        return new Suggestion(level, result);
    }

    private static Level min(Level a, Level b) {
        return a == null || b.compareTo(a) < 0 ? b : a;
    }

    private static Level less(Level level) {
        return level == Level.P4 ? Level.P4 : Level.values()[level.ordinal() + 1];
    }

    /**
     * What a rule means, in English or in Traditional Chinese: Chinese for any locale whose language is
     * {@code zh} ({@code zh}, {@code zh-TW}, {@code zh-Hant} …), English for anything else or {@code
     * null}.
     *
     * @throws IllegalArgumentException if there is no rule of that id
     */
    public String explain(String rule, Locale locale) {
        Objects.requireNonNull(rule, "rule");
        Rule r = rules.byId.get(rule);
        if (r == null) {
            throw new IllegalArgumentException("no triage rule " + rule);
        }
        boolean chinese = locale != null && "zh".equals(locale.getLanguage());
        return chinese ? r.explanationChinese() : r.explanationEnglish();
    }
}
