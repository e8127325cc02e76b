package io.sladesk.server.triage;

import io.sladesk.server.kernel.Severity;
import java.util.List;

/** A suggested severity and why: each phrase of the text that matched a rule. */
public record Suggestion(Severity severity, List<Reason> reasons) {
    public Suggestion {
        reasons = List.copyOf(reasons);
    }

    /** One matched phrase, the severity its rule points to, and the rule's stable id. */
    public record Reason(String phrase, Severity severity, String rule) {}
}
