package dev.mq.spring.transaction;

import dev.mq.client.PreparedTransaction;
import org.springframework.transaction.support.TransactionSynchronization;

import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Ends one bound send's half message once its Spring transaction completed: commits it after a
 * commit, rolls it back after a rollback. A failure to tell the broker is logged, not thrown (the
 * transaction is over; the broker's check-back repairs it from the row). When Spring cannot tell how
 * the transaction ended (a heuristic outcome), nothing is told and the check-back decides by the row.
 * Runs after the application's own synchronizations of default order.
 */
final class BoundSendSynchronization implements TransactionSynchronization {

    private static final System.Logger LOG = System.getLogger(BoundSendSynchronization.class.getName());

    private final PreparedTransaction prepared;

    BoundSendSynchronization(PreparedTransaction prepared) {
        this.prepared = Objects.requireNonNull(prepared, "prepared");
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    @Override
    public void afterCompletion(int status) {
        try {
            switch (status) {
                case STATUS_COMMITTED -> prepared.commit();
                case STATUS_ROLLED_BACK -> prepared.rollback();
                default -> LOG.log(Level.WARNING, "the outcome of the transaction of bound send {0} is unknown; "
                        + "the broker's check-back decides by the row", prepared.transactionId());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not end bound send " + prepared.transactionId() + " after the transaction "
                    + (status == STATUS_COMMITTED ? "committed" : "rolled back")
                    + "; the broker's check-back will decide by the row", e);
        }
    }

    @Override
    public String toString() {
        return "BoundSendSynchronization[" + prepared.transactionId() + "]";
    }
}
