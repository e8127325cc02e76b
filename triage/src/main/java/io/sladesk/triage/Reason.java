package io.sladesk.triage;

import java.util.Objects;

/**
 * One phrase of a ticket that counted for its suggestion.
 *
 * @param phrase the text exactly as it appeared in the subject or the description
 * @param severity the severity the rule points to (for a cue, the level it pulls towards)
 * @param rule the rule's stable id, such as {@code p1.service-down} or {@code cue.workaround}; {@link
 *     Suggester#explain} says what it means
 */
public record Reason(String phrase, Level severity, String rule) {
    public Reason {
        Objects.requireNonNull(phrase, "phrase");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
    }
}
