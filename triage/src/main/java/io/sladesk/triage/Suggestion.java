package io.sladesk.triage;

import java.util.List;
import java.util.Objects;

/**
 * A suggested severity and why: the phrases of the text that counted, in the order they appear.
 * {@code P4} with no reasons when nothing matched.
 */
public record Suggestion(Level severity, List<Reason> reasons) {
    public Suggestion {
        Objects.requireNonNull(severity, "severity");
        reasons = List.copyOf(reasons);
    }
}
