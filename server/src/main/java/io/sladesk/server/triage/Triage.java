package io.sladesk.server.triage;

import io.sladesk.server.kernel.Severity;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/** Suggests a severity from a ticket's subject and description. */
@Service
public class Triage {

    // Placeholder until the rule library lands: nothing matches, so P4.
    public Suggestion suggest(String subject, String description) {
        return new Suggestion(Severity.P4, List.of());
    }

    /** What a rule means, in the reader's language (English or Traditional Chinese). */
    public String explain(String rule, Locale locale) {
        return rule;
    }
}
