package dev.mq.client;

import java.util.List;

/**
 * Processes messages of a push consumer concurrently: several threads call it at once, with
 * messages from any queue, so messages of one queue may complete in any order.
 *
 * <pre>{@code
 * client.pushConsumer("billing").subscribe("Orders", "created || paid")
 *         .listener(messages -> {
 *             for (ReceivedMessage message : messages) {
 *                 billing.handle(message);
 *             }
 *             return ConsumeResult.SUCCESS;
 *         })
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface MessageListener {

    /**
     * Processes {@code messages}: as many as the consumer's {@code consumeBatchSize} (1 by default),
     * from one queue, in queue order.
     *
     * @return {@link ConsumeResult#SUCCESS}, or {@link ConsumeResult#RETRY_LATER} to have all of
     *         them delivered again later (null counts as RETRY_LATER)
     * @throws Exception counts as {@link ConsumeResult#RETRY_LATER}; the client logs it
     */
    ConsumeResult consume(List<ReceivedMessage> messages) throws Exception;
}
