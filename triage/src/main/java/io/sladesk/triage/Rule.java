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
 * @param confined for a signal, the severity when a {@link Kind#CONFINED} cue says the others are fine
 *     (the service is down for a few people while most work: not the service down); {@code null} when
 *     that does not change it
 */
record Rule(
        String id,
        Kind kind,
        Level severity,
        Level everyone,
        String negated,
        Level confined,
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
        /** "minor", "typo", "feature request", "不急": a P4 sign, and a P3 with one becomes P4. */
        LOW,
        /**
         * "how do I", "請問", "can you send the docs": a P4 sign that outweighs no other sign; it makes a
         * {@link #MENTION} count as P4 when nothing is broken.
         */
        QUESTION,
        /**
         * "backup", "還原": a sign of its severity when something is broken, of P4 in a question about it
         * ("do you keep backups?").
         */
        MENTION,
        /** "most are fine", "大部分正常": one level less urgent, and signals with a {@code confined} level take it. */
        CONFINED,
        /** "if we ever", "萬一": the signs after it in the same sentence do not count (nothing has happened). */
        HYPOTHETICAL,
        /** "nothing is wrong right now", "目前一切正常": with a question, P4; otherwise not P1. */
        ALL_CLEAR,
        /**
         * "didn't help", "沒有用": right after a workaround, the workaround failed, which counts as no
         * workaround; on its own nothing.
         */
        FAILED,
        /** "sometimes", "有時候": a P3 sign, and an intermittent failure is partial: P2 counts as P3. */
        INTERMITTENT,
        /** "can log in", "能打開": counts only when negated ("nobody can log in"), as its {@code negated} rule. */
        POSITIVE,
        /** Phrases that only stop a shorter one from matching inside them ("drop-down" is not "down"). */
        NEUTRAL
    }
}
