package io.sladesk.server.sla;

import org.springframework.boot.test.context.TestComponent;

/** Lets end-to-end tests of other packages fire the due SLA timers now, as a server's loop would. */
@TestComponent
public class TimerProbe {
    private final TimerLoop timers;

    TimerProbe(TimerLoop timers) {
        this.timers = timers;
    }

    public int runUntilIdle() {
        return timers.runUntilIdle();
    }
}
