package io.sladesk.server.sla;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each server's timer loop. It claims tickets with due timers through their row locks
 * ({@code FOR UPDATE SKIP LOCKED}: servers never wait for or double each other), applies
 * the timers in the same transaction as the state they change, and sleeps only until the
 * next fire instant (at most {@code max-sleep}), woken early by {@code NOTIFY sla_timers}
 * when a change plans an earlier timer. A server that dies mid-batch holds nothing: its
 * transaction is rolled back when its connection goes, and an idle-in-transaction timeout
 * of five seconds frees a hung one.
 */
@Component
class TimerLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TimerLoop.class);

    private final DataSource dataSource;
    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final Clocks clocks;
    private final Clock clock;
    private final boolean enabled;
    private final int batch;
    private final Duration maxSleep;
    private final Observer observer;
    private volatile boolean running;
    private final int threads;
    private final List<Thread> workers = new java.util.ArrayList<>();

    /**
     * Told of each ticket of a batch once the batch's timers are applied and written, inside
     * its transaction (so still holding the ticket's row lock). Only tests register one, to
     * stop a server in the middle of a batch and kill it there.
     */
    interface Observer {
        void fired(UUID ticketId);
    }

    TimerLoop(
            DataSource dataSource,
            JdbcClient db,
            TransactionTemplate tx,
            Clocks clocks,
            Clock clock,
            @Value("${sladesk.sla.timer-loop.enabled:true}") boolean enabled,
            @Value("${sladesk.sla.timer-loop.batch:100}") int batch,
            @Value("${sladesk.sla.timer-loop.max-sleep:PT1S}") Duration maxSleep,
            @Value("${sladesk.sla.timer-loop.threads:4}") int threads,
            ObjectProvider<Observer> observer) {
        this.observer = observer.getIfAvailable(() -> id -> {});
        this.dataSource = dataSource;
        this.db = db;
        this.tx = tx;
        this.clocks = clocks;
        this.clock = clock;
        this.enabled = enabled;
        this.batch = batch;
        this.maxSleep = maxSleep;
        this.threads = threads;
    }

    /** The outcome of one batch: due timers claimed (rows), their tickets, and events fired. */
    record Batch(int timers, int tickets, int fired) {}

    /**
     * Claims up to one batch of due timers, through their tickets' row locks, and fires
     * them set-based, in one transaction. The instant compared with is this server's clock,
     * which in production follows the database's clock (see {@code
     * platform.DatabaseAlignedClock}).
     *
     * <p>The claim walks the due timers in fire order on their index and locks each one's
     * ticket, skipping tickets another transaction holds, until {@code batch} timers are
     * taken: a ticket with several due timers comes once per timer, so a batch holds up to
     * {@code batch} tickets. The walk stops after the batch, so a claim costs the same
     * whether ten or a hundred thousand timers are due.
     */
    Batch runOnce() {
        Batch b = tx.execute(status -> {
            db.sql("set local idle_in_transaction_session_timeout = '5s'").update();
            Instant now = clock.instant();
            List<UUID> rows = db.sql("select t.id from sla_timers x join tickets t on t.id = x.ticket_id"
                            + " where x.fire_at <= ? order by x.fire_at limit ? for update of t skip locked")
                    .params(Timestamp.from(now), batch)
                    .query(UUID.class)
                    .list();
            List<UUID> claimed = List.copyOf(new java.util.LinkedHashSet<>(rows));
            int fired = claimed.isEmpty() ? 0 : clocks.fireDue(claimed, now);
            for (UUID id : claimed) observer.fired(id);
            return new Batch(rows.size(), claimed.size(), fired);
        });
        return b == null ? new Batch(0, 0, 0) : b;
    }

    /** Runs batches until nothing is due; returns the events fired. */
    int runUntilIdle() {
        int fired = 0;
        Batch b;
        do {
            b = runOnce();
            fired += b.fired();
        } while (b.tickets() > 0);
        return fired;
    }

    /** Wakes the workers when a NOTIFY arrives; the one LISTEN connection of this server. */
    private final Object wake = new Object();

    private void listen() {
        while (running) {
            try (Connection listen = dataSource.getConnection()) {
                try (Statement st = listen.createStatement()) {
                    st.execute("LISTEN sla_timers");
                }
                PGConnection pg = listen.unwrap(PGConnection.class);
                while (running) {
                    var notes = pg.getNotifications((int) maxSleep.toMillis());
                    if (notes != null && notes.length > 0) {
                        synchronized (wake) {
                            wake.notifyAll();
                        }
                    }
                }
            } catch (Exception e) {
                if (!backOff(e)) return;
            }
        }
    }

    private void work() {
        while (running) {
            try {
                Batch b = runOnce();
                if (b.timers() >= batch) continue;
                long sleep = Math.max(1, sleepMillis(b.tickets() == 0));
                synchronized (wake) {
                    wake.wait(sleep);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!backOff(e)) return;
            }
        }
    }

    /** After a failure (a database outage, a lost connection): wait a second, then go on. */
    private boolean backOff(Exception e) {
        if (!running) return false;
        log.warn("Timer loop failed; retrying in a second", e);
        try {
            Thread.sleep(1000); // backing off from an outage, not waiting for time to pass
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Until the next timer fires, at most max-sleep; a short pause when due work is locked elsewhere. */
    private long sleepMillis(boolean claimedNothing) {
        Timestamp next = db.sql("select min(fire_at) from sla_timers")
                .query(Timestamp.class)
                .optional()
                .orElse(null);
        long max = maxSleep.toMillis();
        if (next == null) return max;
        long until = Duration.between(clock.instant(), next.toInstant()).toMillis();
        if (until <= 0) return claimedNothing ? 20 : 1; // due rows held by another server: look again soon
        return Math.min(until, max);
    }

    @Override
    public void start() {
        if (!enabled) return;
        running = true;
        // several workers per server claim disjoint tickets just as several servers do; one
        // listener holds the LISTEN connection for all of them
        Thread listener = new Thread(this::listen, "sla-timer-listener");
        listener.setDaemon(true);
        listener.start();
        workers.add(listener);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "sla-timer-loop-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread t : workers) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
