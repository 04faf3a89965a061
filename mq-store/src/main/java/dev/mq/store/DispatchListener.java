package dev.mq.store;

/**
 * Told when new consume-queue entries become readable. Called on the dispatcher thread: keep it
 * short and never block (hand work to another thread if needed).
 */
@FunctionalInterface
public interface DispatchListener {

    /**
     * Entries up to (excluding) {@code maxOffset} are now readable in {@code topic}/{@code queueId}.
     */
    void onDispatched(String topic, int queueId, long maxOffset);
}
