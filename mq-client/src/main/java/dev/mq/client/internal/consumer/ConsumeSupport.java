package dev.mq.client.internal.consumer;

import dev.mq.client.ConsumeResult;
import dev.mq.client.ReceivedMessage;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What both dispatchers need from their push consumer: its settings, the send-back, the control
 * thread for delayed work, and a way to tell it that consumption made room in a queue's cache.
 *
 * @param group             the consumer group
 * @param clustering        clustering (failed messages are sent back) or broadcasting (they are dropped)
 * @param batchSize         most messages per listener call
 * @param maxReconsumeTimes retries before the dead-letter topic
 * @param consumeTimeout    how long a listener call may run before its messages are handed back
 * @param orderlyRetryDelay how long an orderly queue waits before a failed batch is retried
 * @param sendBack          hands messages back to the brokers
 * @param control           the consumer's control thread (delayed re-deliveries, suspended queues)
 * @param consumed          told (on a consume thread) that messages of a queue were consumed
 */
record ConsumeSupport(String group, boolean clustering, int batchSize, int maxReconsumeTimes, Duration consumeTimeout,
                      Duration orderlyRetryDelay, SendBack sendBack, ScheduledExecutorService control,
                      Consumer<ProcessQueue> consumed) {

    private static final System.Logger LOG = System.getLogger(ConsumeSupport.class.getName());

    /** Runs {@code task} on the control thread after {@code delay}; nothing once the consumer closed. */
    void later(Runnable task, Duration delay) {
        try {
            control.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: the messages stay unconsumed and are handed back with the queue
        }
    }

    /** The listener's answer, with exceptions and null turned into RETRY_LATER (and logged). */
    ConsumeResult call(Listener listener, List<ReceivedMessage> messages) {
        try {
            ConsumeResult result = listener.consume(messages);
            if (result == null) {
                LOG.log(Level.WARNING, "group {0}: the listener returned null for {1}; retrying them later", group,
                        describe(messages));
                return ConsumeResult.RETRY_LATER;
            }
            return result;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "group " + group + ": the listener failed on " + describe(messages)
                    + "; retrying them later", e);
            return ConsumeResult.RETRY_LATER;
        } catch (Error e) {
            LOG.log(Level.ERROR, "group " + group + ": the listener failed on " + describe(messages)
                    + "; retrying them later", e);
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            return ConsumeResult.RETRY_LATER;
        }
    }

    static String describe(List<ReceivedMessage> messages) {
        return messages.size() == 1 ? messages.get(0).toString() : messages.size() + " messages from "
                + messages.get(0) + " to " + messages.get(messages.size() - 1).queueOffset();
    }

    /** The listener, whichever kind. */
    @FunctionalInterface
    interface Listener {
        ConsumeResult consume(List<ReceivedMessage> messages) throws Exception;
    }

    /** {@code message} once more: its reconsume count one higher. */
    static ReceivedMessage retried(ReceivedMessage message) {
        return new ReceivedMessage(message.messageId(), message.offsetMessageId(), message.topic(), message.tags(),
                message.keys(), message.properties(), message.systemProperties(), message.body(), message.queueId(),
                message.queueOffset(), message.commitLogOffset(), message.bornTimestamp(), message.storeTimestamp(),
                message.reconsumeTimes() + 1, message.storedTopic(), message.brokerName());
    }
}
