package dev.mq.client;

import java.util.List;

/**
 * Processes messages of a push consumer in queue order: the messages of one queue reach it one
 * batch at a time, on one thread at a time, in offset order; a batch is retried locally until it
 * succeeds (or its retries are used up) before anything behind it is delivered. Messages of
 * different queues are processed in parallel. In clustering mode the consumer holds the broker's
 * lock of each queue it processes, so no other consumer of the group processes it meanwhile.
 *
 * <pre>{@code
 * client.pushConsumer("ledger").subscribe("Payments", "*")
 *         .orderlyListener(messages -> {
 *             ledger.apply(messages.get(0));
 *             return ConsumeResult.SUCCESS;
 *         })
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface OrderlyMessageListener {

    /**
     * Processes {@code messages}: as many as the consumer's {@code consumeBatchSize} (1 by default),
     * the next ones of one queue, in offset order.
     *
     * @return {@link ConsumeResult#SUCCESS}, or {@link ConsumeResult#RETRY_LATER} to have the same
     *         messages delivered again after the orderly retry delay (null counts as RETRY_LATER)
     * @throws Exception counts as {@link ConsumeResult#RETRY_LATER}; the client logs it
     */
    ConsumeResult consume(List<ReceivedMessage> messages) throws Exception;
}
