package io.sladesk.server.ticket;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes tickets that stayed solved for the configured time (7 days by default). Each
 * server sweeps; SKIP LOCKED keeps two servers from closing the same ticket.
 */
@Component
class AutoClose {
    private final TicketStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration after;

    AutoClose(
            TicketStore store,
            TransactionTemplate tx,
            Clock clock,
            @Value("${sladesk.tickets.auto-close-after:P7D}") Duration after) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.after = after;
    }

    @Scheduled(fixedDelayString = "${sladesk.tickets.auto-close-sweep:PT1M}", initialDelayString = "PT30S")
    void sweep() {
        while (closeBatch(100) == 100) {
            // keep going until a short batch shows the backlog is done
        }
    }

    /** Closes up to {@code batch} due tickets in one transaction; returns how many. */
    int closeBatch(int batch) {
        Integer n = tx.execute(status -> {
            var now = clock.instant();
            var due = store.solvedBefore(now.minus(after), batch);
            for (UUID id : due) {
                Ticket t = store.lock(id).orElseThrow();
                t.closeAutomatically(now);
                store.update(t);
            }
            return due.size();
        });
        return n == null ? 0 : n;
    }
}
