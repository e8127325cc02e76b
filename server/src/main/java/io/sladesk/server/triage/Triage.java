package io.sladesk.server.triage;

import io.sladesk.server.kernel.Severity;
import io.sladesk.triage.Suggester;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * Suggests a severity from a ticket's subject and description with the explainable rules
 * of the {@code sladesk-triage} library (built from the seed's definitions and examples,
 * in English and Traditional Chinese); the rules are loaded once and shared.
 */
@Service
public class Triage {
    private final Suggester suggester = Suggester.standard();

    public Suggestion suggest(String subject, String description) {
        io.sladesk.triage.Suggestion s = suggester.suggest(subject, description);
        return new Suggestion(
                severity(s.severity()),
                s.reasons().stream()
                        .map(r -> new Suggestion.Reason(r.phrase(), severity(r.severity()), r.rule()))
                        .toList());
    }

    /** What a rule means, in the reader's language (English or Traditional Chinese). */
    public String explain(String rule, Locale locale) {
        return suggester.explain(rule, locale);
    }

    private static Severity severity(io.sladesk.triage.Level level) {
        return Severity.valueOf(level.name());
    }
}
