package dev.mq.client;

/** The outcome of a local transaction, as a {@link LocalTransaction} or {@link TransactionChecker} reports it. */
public enum LocalTransactionState {
    /** The local transaction committed: deliver the message. */
    COMMIT,
    /** The local transaction rolled back: discard the message. */
    ROLLBACK,
    /** Not known yet: the broker asks the producer group's {@link TransactionChecker} again later. */
    UNKNOWN
}
