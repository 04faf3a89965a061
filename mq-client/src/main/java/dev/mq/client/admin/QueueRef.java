package dev.mq.client.admin;

import java.util.Comparator;
import java.util.Objects;

/**
 * One queue of a topic on one broker. Ordered by topic, broker name, then queue id.
 *
 * @param topic      the topic
 * @param brokerName the broker holding the queue
 * @param queueId    the queue's id on that broker
 */
public record QueueRef(String topic, String brokerName, int queueId) implements Comparable<QueueRef> {

    private static final Comparator<QueueRef> ORDER = Comparator.comparing(QueueRef::topic)
            .thenComparing(QueueRef::brokerName).thenComparingInt(QueueRef::queueId);

    /** Checks the parts. */
    public QueueRef {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(brokerName, "brokerName");
    }

    @Override
    public int compareTo(QueueRef other) {
        return ORDER.compare(this, other);
    }

    /** {@code topic/broker/queueId}. */
    @Override
    public String toString() {
        return topic + "/" + brokerName + "/" + queueId;
    }
}
