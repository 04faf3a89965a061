package dev.mq.spring;

import dev.mq.client.LocalTransactionState;

/** The outcome of a local transaction, as {@link MqLocalTransaction} decides it. */
public enum TransactionState {

    /** The message is delivered. */
    COMMIT,

    /** The message is dropped. */
    ROLLBACK,

    /** Not decided yet: the broker asks {@link MqLocalTransaction#check} later. */
    UNKNOWN;

    /** The client's state of the same meaning. */
    public LocalTransactionState toClientState() {
        return switch (this) {
            case COMMIT -> LocalTransactionState.COMMIT;
            case ROLLBACK -> LocalTransactionState.ROLLBACK;
            case UNKNOWN -> LocalTransactionState.UNKNOWN;
        };
    }

    /** The state of the same meaning as the client's. */
    public static TransactionState of(LocalTransactionState state) {
        return switch (state) {
            case COMMIT -> COMMIT;
            case ROLLBACK -> ROLLBACK;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
