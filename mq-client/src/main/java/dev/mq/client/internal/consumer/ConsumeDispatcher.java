package dev.mq.client.internal.consumer;

import java.time.Duration;

/**
 * Runs a push consumer's listener on pulled messages, on the consumer's consume threads:
 * {@link ConcurrentDispatcher} (any thread, any order) or {@link OrderlyDispatcher} (one thread per
 * queue at a time, in offset order).
 */
interface ConsumeDispatcher {

    /** New messages of {@code queue} were cached. Called on the pull thread; never blocks. */
    void dispatch(ProcessQueue queue, ProcessQueue.CachedBatch batch);

    /** Starts no listener call until {@link #resume}; running calls finish. */
    void pause();

    /** Delivers again after {@link #pause()}; {@code queues} are the consumer's queues now. */
    void resume(java.util.Collection<ProcessQueue> queues);

    /**
     * Called every {@link #WATCH_INTERVAL}: starts more consume threads when messages wait while the
     * running listener calls are stuck.
     */
    void watch();

    /** How often {@link #watch()} runs. */
    Duration WATCH_INTERVAL = Duration.ofMillis(100);

    /** Hands back messages whose listener ran longer than the consume timeout. Called periodically. */
    void handBackTimedOut();

    /**
     * Starts no more listener calls, for good. Messages not started stay unconsumed (their offsets
     * are not committed): they are handed back.
     */
    void stop();

    /**
     * Waits up to {@code timeout} for the listener calls still running (after {@link #stop()}).
     *
     * @return whether every running call finished in time
     */
    boolean awaitRunning(Duration timeout);

    /** Stops the consume threads (after {@link #shutdown}). */
    void stopThreads();
}
