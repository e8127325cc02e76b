package io.sladesk.server.sla;

import io.sladesk.server.calendars.CalendarChanged;
import io.sladesk.server.policy.PolicyChanged;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
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
 *
 * <p>A job whose batch fails is rolled back and retried later with exponential backoff
 * (its attempts, next attempt and last error are stored on it) while the jobs queued after
 * it go on; after {@code max-attempts} failures it is set aside as {@code failed}, logged
 * at ERROR and kept for an operator. Order between jobs does not matter for correctness:
 * each recomputes against the current calendar and policy, whatever the job that queued it.
 */
@Component
class Recomputations {
    private static final Logger log = LoggerFactory.getLogger(Recomputations.class);

    private final JdbcClient db;
    private final ClockStore store;
    private final Clocks clocks;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final io.sladesk.server.account.Accounts accounts;
    private final boolean background;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    /** Tickets a batch takes (each committed on its own, its clocks locked until then). */
    private final int batchSize;

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
            io.sladesk.server.account.Accounts accounts,
            @Value("${sladesk.scheduling.enabled:true}") boolean background,
            @Value("${sladesk.sla.recompute.max-attempts:8}") int maxAttempts,
            @Value("${sladesk.sla.recompute.first-backoff:PT30S}") Duration firstBackoff,
            @Value("${sladesk.sla.recompute.max-backoff:PT1H}") Duration maxBackoff,
            @Value("${sladesk.sla.recompute.batch:500}") int batchSize) {
        if (maxAttempts < 1)
            throw new IllegalArgumentException("sladesk.sla.recompute.max-attempts must be at least 1");
        if (firstBackoff.isNegative() || firstBackoff.isZero() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException(
                    "sladesk.sla.recompute backoffs must be positive, the first no longer than the longest");
        }
        this.db = db;
        this.store = store;
        this.clocks = clocks;
        this.tx = tx;
        this.clock = clock;
        this.accounts = accounts;
        this.background = background;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        if (batchSize < 1) throw new IllegalArgumentException("sladesk.sla.recompute.batch must be at least 1");
        this.batchSize = batchSize;
    }

    /** A job as taken; {@code attempts} counts its failures so far. */
    private record Job(UUID id, String kind, UUID subject, UUID cursor, int attempts) {}

    @EventListener
    void on(CalendarChanged e) {
        enqueue("calendar", e.calendarId());
    }

    @EventListener
    void on(PolicyChanged e) {
        enqueue("policy", e.policyId());
    }

    /** A plan held to another policy: the clocks of its organizations follow the new policy. */
    @EventListener
    void on(io.sladesk.server.account.PlanChanged e) {
        if (java.util.Objects.equals(e.previousPolicyId(), e.policyId())) return;
        for (UUID org : accounts.organizationsOnPlan(e.planId())) enqueue("organization", org);
    }

    @TransactionalEventListener
    void afterCommit(io.sladesk.server.account.PlanChanged e) {
        wake();
    }

    /** An organization's plan, zone or calendar changed: its open clocks follow, like a policy change. */
    @EventListener
    void on(io.sladesk.server.account.AccountEvents.OrganizationTermsChanged e) {
        enqueue("organization", e.organizationId());
    }

    @TransactionalEventListener
    void afterCommit(io.sladesk.server.account.AccountEvents.OrganizationTermsChanged e) {
        wake();
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

    /**
     * Works through every due job, one batch per transaction; returns the clocks recomputed.
     * A failing job is rescheduled (or set aside) and the others go on; only a failure to
     * reach the jobs at all ends the run early, to be resumed by the next sweep.
     */
    int runPending() {
        int total = 0;
        while (true) {
            AtomicReference<Job> taken = new AtomicReference<>();
            Integer n;
            try {
                n = tx.execute(status -> nextBatch(taken));
            } catch (RuntimeException e) {
                Job failed = taken.get();
                if (failed == null) {
                    log.error(
                            "Taking the next clock recomputation failed; pending jobs are retried on the next sweep",
                            e);
                    return total;
                }
                if (!recordFailure(failed, e)) return total;
                continue;
            }
            if (n == null || n < 0) return total;
            total += n;
        }
    }

    /** One batch of the next due job; -1 when no job is due. */
    private Integer nextBatch(AtomicReference<Job> taken) {
        Optional<Job> job = db.sql("select id, kind, subject_id, cursor_ticket, attempts from sla_recompute_jobs"
                        + " where status = 'pending' and (next_attempt_at is null or next_attempt_at <= ?)"
                        + " order by coalesce(next_attempt_at, requested_at), requested_at limit 1"
                        + " for update skip locked")
                .param(Timestamp.from(clock.instant()))
                .query((rs, i) -> new Job(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getObject("subject_id", UUID.class),
                        rs.getObject("cursor_ticket", UUID.class),
                        rs.getInt("attempts")))
                .optional();
        if (job.isEmpty()) return -1;
        Job j = job.get();
        taken.set(j);
        String column = switch (j.kind()) {
            case "calendar" -> "calendar_id";
            case "organization" -> "organization_id";
            default -> "policy_id";
        };
        List<SlaClock> batch =
                store.lockAffected(column, j.subject(), j.cursor() == null ? new UUID(0, 0) : j.cursor(), batchSize);
        int n = clocks.recomputeAll(batch, j.kind());
        Instant now = clock.instant();
        long tickets = batch.stream().map(c -> c.ticketId).distinct().count();
        if (tickets < batchSize) {
            db.sql("update sla_recompute_jobs set status = 'done', done_at = ? where id = ?")
                    .params(Timestamp.from(now), j.id())
                    .update();
        } else {
            db.sql("update sla_recompute_jobs set cursor_ticket = ? where id = ?")
                    .params(batch.get(batch.size() - 1).ticketId, j.id())
                    .update();
        }
        return n;
    }

    /**
     * Records a failed attempt, in a transaction of its own (the batch's was rolled back):
     * the job is retried after a backoff, or set aside after the last attempt. Only counts
     * the failure if no other server recorded one for the same attempt meanwhile. Returns
     * false if even this could not be stored.
     */
    private boolean recordFailure(Job j, RuntimeException e) {
        int attempts = j.attempts() + 1;
        boolean setAside = attempts >= maxAttempts;
        Instant now = clock.instant();
        Instant next = setAside ? null : now.plus(backoff(attempts));
        String error = describe(e);
        Integer recorded;
        try {
            recorded = tx.execute(status -> db.sql("update sla_recompute_jobs set attempts = ?, last_error = ?,"
                            + " next_attempt_at = ?, status = ?, failed_at = ?"
                            + " where id = ? and status = 'pending' and attempts = ?")
                    .params(
                            attempts,
                            error,
                            next == null ? null : Timestamp.from(next),
                            setAside ? "failed" : "pending",
                            setAside ? Timestamp.from(now) : null,
                            j.id(),
                            j.attempts())
                    .update());
        } catch (RuntimeException again) {
            e.addSuppressed(again);
            log.error(
                    "Recomputing clocks for {} {} failed (job {}), and so did recording it; retried on the next sweep",
                    j.kind(),
                    j.subject(),
                    j.id(),
                    e);
            return false;
        }
        if (recorded == null || recorded == 0) {
            log.info("Recomputation job {} failed here, but another server took it on meanwhile", j.id(), e);
            return true;
        }
        if (setAside) {
            log.error(
                    "Recomputing clocks for {} {} failed {} times; job {} is set aside as failed for an operator"
                            + " (sla_recompute_jobs.status = 'failed'), its clocks keep their earlier due instants",
                    j.kind(),
                    j.subject(),
                    attempts,
                    j.id(),
                    e);
        } else {
            log.warn(
                    "Recomputing clocks for {} {} failed (attempt {} of {}); job {} is retried at {}",
                    j.kind(),
                    j.subject(),
                    attempts,
                    maxAttempts,
                    j.id(),
                    next,
                    e);
        }
        return true;
    }

    /** The wait after a job's n-th failure: the first backoff, doubled each time, at most the longest. */
    Duration backoff(int failures) {
        Duration d = firstBackoff;
        for (int i = 1; i < failures && d.compareTo(maxBackoff) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static String describe(Throwable e) {
        StringBuilder sb =
                new StringBuilder(e.getClass().getName()).append(": ").append(e.getMessage());
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        if (root != e)
            sb.append(" (caused by ")
                    .append(root.getClass().getName())
                    .append(": ")
                    .append(root.getMessage())
                    .append(')');
        return sb.length() > 2000 ? sb.substring(0, 2000) : sb.toString();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
