package io.sladesk.server.sla;

import org.springframework.boot.test.context.TestComponent;

/** Lets end-to-end tests run the background recomputation now, instead of waiting for it. */
@TestComponent
public class RecomputeProbe {
    private final Recomputations recomputations;

    RecomputeProbe(Recomputations recomputations) {
        this.recomputations = recomputations;
    }

    public int runPending() {
        return recomputations.runPending();
    }
}
