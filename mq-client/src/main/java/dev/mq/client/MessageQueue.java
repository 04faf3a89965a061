package dev.mq.client;

import java.util.Comparator;
import java.util.Objects;

/**
 * One queue of a topic on one broker: what consumers are assigned, pull from and keep offsets for.
 * Ordered by topic, broker name and queue id (the order rebalancing sorts queues in).
 *
 * @param topic      the topic as stored (a retry message's queue belongs to {@code %RETRY%<group>})
 * @param brokerName the broker's name (not its address)
 * @param queueId    the queue's number on that broker, from 0
 */
public record MessageQueue(String topic, String brokerName, int queueId) implements Comparable<MessageQueue> {

    private static final Comparator<MessageQueue> ORDER = Comparator.comparing(MessageQueue::topic)
            .thenComparing(MessageQueue::brokerName).thenComparingInt(MessageQueue::queueId);

    /**
     * Checks the parts.
     *
     * @throws MqClientException for a missing topic or broker name, or a negative queue id
     */
    public MessageQueue {
        if (topic == null || topic.isBlank()) {
            throw new MqClientException("a message queue needs a topic");
        }
        if (brokerName == null || brokerName.isBlank()) {
            throw new MqClientException("a message queue needs a broker name (queue " + queueId + " of " + topic + ")");
        }
        if (queueId < 0) {
            throw new MqClientException("a queue id is 0 or more, got " + queueId + " (topic " + topic + ")");
        }
    }

    @Override
    public int compareTo(MessageQueue other) {
        return ORDER.compare(this, Objects.requireNonNull(other, "other"));
    }

    /** {@code topic/brokerName/queueId}, e.g. {@code Orders/broker-a/3}. */
    @Override
    public String toString() {
        return topic + "/" + brokerName + "/" + queueId;
    }
}
