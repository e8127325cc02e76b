package io.sladesk.server.sla;

import io.sladesk.server.calendars.CalendarChanged;
import io.sladesk.server.policy.PolicyChanged;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When a calendar or policy changes, the running clocks that use it are recomputed in the
 * background, in batches, so the admin's request returns at once. The request is stored
 * as a job in the admin's own transaction, so a crash never loses it; each batch commits
 * on its own, and any server may pick up a job another left unfinished.
 */
@Component
class Recomputations {
    private static final Logger log = LoggerFactory.getLogger(Recomputations.class);
    static final int BATCH = 200;

    private final JdbcClient db;
    private final ClockStore store;
    private final Clocks clocks;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean background;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sla-recompute");
        t.setDaemon(true);
        return t;
    });

    Recomputations(
            JdbcClient db,
            ClockStore store,
            Clocks clocks,
            TransactionTemplate tx,
            Clock clock,
            @Value("${sladesk.scheduling.enabled:true}") boolean background) {
        this.db = db;
        this.store = store;
        this.clocks = clocks;
        this.tx = tx;
        this.clock = clock;
        this.background = background;
    }

    private record Job(UUID id, String kind, UUID subject, UUID cursor) {}

    @EventListener
    void on(CalendarChanged e) {
        enqueue("calendar", e.calendarId());
    }

    @EventListener
    void on(PolicyChanged e) {
        enqueue("policy", e.policyId());
    }

    private void enqueue(String kind, UUID subject) {
        db.sql("insert into sla_recompute_jobs (id, kind, subject_id, requested_at) values (?, ?, ?, ?)")
                .params(UUID.randomUUID(), kind, subject, Timestamp.from(clock.instant()))
                .update();
    }

    /** Starts working as soon as the admin's change is committed. */
    @TransactionalEventListener
    void afterCommit(CalendarChanged e) {
        wake();
    }

    @TransactionalEventListener
    void afterCommit(PolicyChanged e) {
        wake();
    }

    private void wake() {
        if (background) worker.execute(this::runPending);
    }

    /** Picks up jobs a crashed or busy server left behind. */
    @Scheduled(fixedDelayString = "${sladesk.sla.recompute-sweep:PT10S}")
    void sweep() {
        runPending();
    }

    /** Works through every pending job, one batch per transaction; returns the clocks recomputed. */
    int runPending() {
        int total = 0;
        try {
            Integer n;
            while ((n = tx.execute(status -> nextBatch())) != null && n >= 0) total += n;
        } catch (RuntimeException e) {
            log.error("Recomputing clocks failed; the job stays queued and is retried", e);
        }
        return total;
    }

    /** One batch of one job; -1 when no job is waiting. */
    private Integer nextBatch() {
        Optional<Job> job = db.sql("select id, kind, subject_id, cursor_ticket from sla_recompute_jobs"
                        + " where done_at is null order by requested_at limit 1 for update skip locked")
                .query((rs, i) -> new Job(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getObject("subject_id", UUID.class),
                        rs.getObject("cursor_ticket", UUID.class)))
                .optional();
        if (job.isEmpty()) return -1;
        Job j = job.get();
        String column = j.kind().equals("calendar") ? "calendar_id" : "policy_id";
        String why = j.kind().equals("calendar") ? "its calendar changed" : "its policy changed";
        List<SlaClock> batch =
                store.lockAffected(column, j.subject(), j.cursor() == null ? new UUID(0, 0) : j.cursor(), BATCH);
        int n = 0;
        for (SlaClock c : batch) if (clocks.recompute(c, why)) n++;
        Instant now = clock.instant();
        long tickets = batch.stream().map(c -> c.ticketId).distinct().count();
        if (tickets < BATCH) {
            db.sql("update sla_recompute_jobs set done_at = ? where id = ?")
                    .params(Timestamp.from(now), j.id())
                    .update();
        } else {
            db.sql("update sla_recompute_jobs set cursor_ticket = ? where id = ?")
                    .params(batch.get(batch.size() - 1).ticketId, j.id())
                    .update();
        }
        return n;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
