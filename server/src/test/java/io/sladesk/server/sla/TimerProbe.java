package io.sladesk.server.sla;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestComponent;

/**
 * The timer loop's observer in end-to-end tests: records which tickets a batch fired, and
 * can stop a batch right after it applied one ticket's timers, inside its transaction and
 * so still holding that ticket's row lock, until the test lets it go on. It also lets tests
 * of other packages fire the due timers now, as a server's loop would.
 */
@TestComponent
public class TimerProbe implements TimerLoop.Observer {
    private final Set<UUID> fired = ConcurrentHashMap.newKeySet();
    private volatile Hold hold;
    /** Lazily: the loop itself is told of this observer when it is made. */
    private final org.springframework.beans.factory.ObjectProvider<TimerLoop> timers;

    TimerProbe(org.springframework.beans.factory.ObjectProvider<TimerLoop> timers) {
        this.timers = timers;
    }

    /** Fires every due timer now; returns the events fired. */
    public int runUntilIdle() {
        return timers.getObject().runUntilIdle();
    }

    /** A batch stopped at one ticket. */
    public static final class Hold {
        private final UUID ticketId;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(UUID ticketId) {
            this.ticketId = ticketId;
        }

        /** Whether a batch is now stopped at the ticket, waiting up to the given seconds. */
        public boolean reached(long seconds) throws InterruptedException {
            return reached.await(seconds, TimeUnit.SECONDS);
        }

        public void release() {
            released.countDown();
        }
    }

    @Override
    public void fired(UUID ticketId) {
        fired.add(ticketId);
        Hold h = hold;
        if (h == null || !h.ticketId.equals(ticketId)) return;
        hold = null;
        h.reached.countDown();
        try {
            // bounded: the batch's transaction is closed by the database after five idle seconds
            h.released.await(4, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next batch that fires this ticket stops there until released. */
    public Hold holdAt(UUID ticketId) {
        Hold h = new Hold(ticketId);
        hold = h;
        return h;
    }

    /** Whether any batch has fired this ticket's timers. */
    public boolean hasFired(UUID ticketId) {
        return fired.contains(ticketId);
    }
}
