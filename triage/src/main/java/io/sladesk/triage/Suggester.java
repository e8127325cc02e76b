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
 *   <li><b>Few users</b> ({@code one user}, {@code 只有一位}): one level less urgent. The seed's P4 is
 *       "bugs that affect few users"; its P1 is the business stopped, which one user is not.
 *   <li><b>Partial</b> ({@code some}, {@code 部分}): a P2 counts as P3 (a P1 as P2): the seed's P3 is
 *       "a partial, non-critical loss of service".
 *   <li><b>Workaround or still usable</b> ({@code there is a workaround}, {@code 還可以用}): not P1. The
 *       seed's P1 has "no feasible way to keep working"; its P2 has "a temporary workaround". A
 *       workaround does not lower P2 or P3: both of the seed's definitions include one.
 *   <li><b>Question or minor</b> ({@code how do I}, {@code 請問}, {@code typo}, {@code 不急}): a P3
 *       becomes P4, since the seed's P4 is "general questions, minor technical issues". A question
 *       never lowers P1 or P2: "how do we get back in? nobody can log in" is urgent however politely
 *       asked.
 *   <li><b>Never below P2 with a P1 sign.</b> A P1 sign that is not negated keeps the suggestion at P2
 *       or above whatever the cues say, so that a wrong cue costs one level at most on an urgent ticket
 *       (the cues above already cannot go further; this states it). Suggesting P3 for an outage would
 *       cost the customer hours of SLA; suggesting P2 costs 75 minutes of first response.
 * </ol>
 *
 * Nothing matched: P4 with no reasons (the seed's lowest level; the customer may ask for a
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
    static final String RESOURCE = "rules.txt";

    /** How far a negation reaches: words (Latin) or characters (CJK) between it and what it negates. */
    static final int NEGATION_REACH = 4;

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
        boolean negated;
        Level counted;

        Hit(int start, int end, Rule rule) {
            this.start = start;
            this.end = end;
            this.rule = rule;
            this.countsAs = rule;
            this.quoteStart = start;
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
        int units = 0;
        boolean inWord = false;
        for (int i = from; i < to; i++) {
            byte cls = Fold.classOf(feed.chars[i]);
            if (cls == Fold.CLAUSE || cls == Fold.NEWLINE) {
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
            if (units > NEGATION_REACH) {
                return false;
            }
        }
        return true;
    }

    private Suggestion combine(Feed feed, List<Hit> hits) {
        // 1. a raise cue anywhere ("all users", "完全", "no workaround", "nobody") lifts the signs that have
        //    an everyone level
        boolean raise = false;
        for (Hit h : hits) {
            Rule r = h.countsAs;
            raise |= r.kind() == Rule.Kind.RAISE || (r.kind() == Rule.Kind.NEGATION && r.everyone() != null);
        }

        Level base = null;
        Level plain = null;
        boolean p1Sign = false;
        boolean low = false;
        List<Hit> reasons = new ArrayList<>();
        List<Hit> raises = new ArrayList<>();
        List<Hit> lowers = new ArrayList<>();
        List<Hit> partials = new ArrayList<>();
        List<Hit> notUrgent = new ArrayList<>();
        for (Hit h : hits) {
            Rule r = h.countsAs;
            if (h.negated && r.id().equals(NEGATION_RULE)) {
                h.counted = r.severity();
                reasons.add(h);
                continue;
            }
            switch (r.kind()) {
                case SIGNAL, LOW -> {
                    h.counted = raise && r.everyone() != null ? r.everyone() : r.severity();
                    base = min(base, h.counted);
                    plain = min(plain, r.severity());
                    p1Sign |= r.severity() == Level.P1;
                    low |= r.kind() == Rule.Kind.LOW;
                    reasons.add(h);
                }
                case RAISE -> raises.add(h);
                case LOWER -> lowers.add(h);
                case PARTIAL -> partials.add(h);
                case NOT_URGENT -> notUrgent.add(h);
                case NEGATION -> {
                    if (r.everyone() != null) {
                        raises.add(h);
                    }
                }
                default -> {
                    // a positive ability counts only when negated; neutral phrases were dropped already
                }
            }
        }
        if (base == null) {
            return suggestion(feed, Level.P4, reasons);
        }

        Level level = base;
        if (base.compareTo(plain) < 0) {
            counted(raises, Level.P1);
            reasons.addAll(raises);
        }
        // 2. few users: one level less urgent
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
        // 4. a workaround, or still usable: not P1
        if (!notUrgent.isEmpty() && level == Level.P1) {
            level = Level.P2;
            counted(notUrgent, level);
            reasons.addAll(notUrgent);
        }
        // 5. a question or a minor issue: P3 becomes P4 (its signs are among the reasons already)
        if (low && level == Level.P3) {
            level = Level.P4;
        }
        // 6. never below P2 with a P1 sign that is not negated
        if (p1Sign && level.compareTo(Level.P2) > 0) {
            level = Level.P2;
        }
        return suggestion(feed, level, reasons);
    }

    private static void counted(List<Hit> cues, Level level) {
        for (Hit h : cues) {
            h.counted = level;
        }
    }

    private static Suggestion suggestion(Feed feed, Level level, List<Hit> reasons) {
        reasons.sort(Comparator.comparingInt((Hit h) -> h.quoteStart).thenComparingInt(h -> h.end));
        List<Reason> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Hit h : reasons) {
            String rule = h.countsAs.id();
            // the same phrase, folded, of the same rule is given once
            String key = rule + '\u0000' + new String(feed.chars, h.quoteStart, h.end - h.quoteStart + 1);
            if (seen.add(key)) {
                result.add(new Reason(feed.quote(h.quoteStart, h.end), h.counted, rule));
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
