package io.sladesk.triage;

import java.util.List;

/**
 * One rule of the rule set: its stable id, what a match of it does, the severity it points to, its
 * phrases in each language (as written in {@code rules.txt}, before expansion), and what it means in
 * each language.
 *
 * @param everyone for a signal, the severity when a {@link Kind#RAISE} cue says the whole organization
 *     is affected or that there is no workaround (logging in fails for one person: P2; for everyone:
 *     the service is unavailable, P1); {@code null} when the scope does not change it. For a negation,
 *     non-null when the negation itself says everyone is affected ("nobody", "沒有人"): it is then a
 *     {@link Kind#RAISE} cue too
 * @param negated the rule a negated match of this one counts as ({@code cue.negation} unless said:
 *     "no workaround" counts as {@code cue.no-workaround})
 */
record Rule(
        String id,
        Kind kind,
        Level severity,
        Level everyone,
        String negated,
        List<String> english,
        List<String> chinese,
        String explanationEnglish,
        String explanationChinese) {

    /** What a match of a rule does; see {@link Suggester} for how they combine. */
    enum Kind {
        /** A sign of a severity, from the seed's definitions and examples: the strongest one decides. */
        SIGNAL,
        /** "not", "沒有": the next sign in the same clause does not count (or counts as its {@code negated}). */
        NEGATION,
        /** "all users", "整個公司", "no workaround": signals with an {@code everyone} severity take it. */
        RAISE,
        /** "one user", "只有一位", "a few users": one level less urgent. */
        LOWER,
        /** "some", "部分": a partial loss; P2 counts as P3 (and P1 as P2). */
        PARTIAL,
        /** "there is a workaround", "還可以用": not P1 (the seed's P1 has no workaround). */
        NOT_URGENT,
        /** "how do I", "請問", "minor": a P4 sign, and a P3 with one becomes P4. */
        LOW,
        /** "can log in", "能打開": counts only when negated ("nobody can log in"), as its {@code negated} rule. */
        POSITIVE,
        /** Phrases that only stop a shorter one from matching inside them ("drop-down" is not "down"). */
        NEUTRAL
    }
}
