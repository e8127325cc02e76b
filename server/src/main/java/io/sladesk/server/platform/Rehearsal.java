package io.sladesk.server.platform;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a change only to learn what it would store, as change previews need: in a
 * transaction of its own that is always rolled back, so nothing it wrote stays (nor
 * anything its listeners wrote in the same transaction), and the listeners that act after
 * a commit never run. Its refusals are the change's own, since it is the change. So a
 * listener of a rehearsed change's events (organization terms, plan, TAM) must keep its
 * effects in the transaction or after its commit; all of today's do.
 */
@Component
public class Rehearsal {
    private final TransactionTemplate tx;

    Rehearsal(org.springframework.transaction.PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
        // a transaction of its own: rolling it back never takes a caller's work with it
        this.tx.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public <T> T rehearse(Supplier<T> change) {
        return tx.execute(status -> {
            status.setRollbackOnly();
            return change.get();
        });
    }
}
