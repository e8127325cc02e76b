package io.sladesk.server.web;

import io.sladesk.server.kernel.Severity;
import io.sladesk.server.triage.Suggestion;
import io.sladesk.server.triage.Triage;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * A suggested severity put into the reader's words: each matched phrase of the ticket's
 * text, the severity its rule points to, and what the rule means (rendered when read).
 */
@Component
class Triaged {
    private final Triage triage;

    Triaged(Triage triage) {
        this.triage = triage;
    }

    record Explained(Severity severity, List<String> reasons) {}

    /** Null when there is no suggestion (the severity was chosen). */
    Explained of(Suggestion s, Locale locale) {
        if (s == null) return null;
        return new Explained(
                s.severity(),
                s.reasons().stream()
                        .map(r -> "“" + r.phrase() + "” → " + r.severity().wire() + ": "
                                + triage.explain(r.rule(), locale))
                        .toList());
    }
}
