package dev.mq.bench.load;

/** How producer threads send. */
public enum SendMode {
    /** One message at a time; each thread waits for the result before the next send. */
    SYNC,
    /** Each thread keeps up to {@code --inflight} sends outstanding; latency is send to callback. */
    ASYNC,
    /** Each thread sends batches of {@code --batch-size} messages, one batch at a time. */
    BATCH,
    /**
     * One message at a time without an answer (nobody confirms it was stored); latency is the
     * call's own duration. Needs {@code --rate}: no answer holds the senders back.
     */
    ONEWAY
}
