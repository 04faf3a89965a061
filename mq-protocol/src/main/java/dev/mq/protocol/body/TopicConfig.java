package dev.mq.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * A topic's configuration on one broker, as brokers register it and admin tools read it.
 *
 * @param topicName       topic name
 * @param readQueueNums   queues consumers read
 * @param writeQueueNums  queues producers write
 * @param perm            {@link Permissions} bits
 * @param topicFilterType {@code SINGLE_TAG} or {@code MULTI_TAG}
 * @param topicSysFlag    system flags (unused by clients)
 * @param order           whether the topic is ordered
 * @param attributes      free-form attributes (5.x)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm, String topicFilterType,
                          int topicSysFlag, boolean order, Map<String, String> attributes) {

    public TopicConfig {
        if (topicFilterType == null) {
            topicFilterType = "SINGLE_TAG";
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** An ordinary topic with {@code queues} read and write queues and permission {@code perm}. */
    public static TopicConfig of(String topic, int queues, int perm) {
        return new TopicConfig(topic, queues, queues, perm, "SINGLE_TAG", 0, false, Map.of());
    }

    public TopicConfig withQueues(int read, int write) {
        return new TopicConfig(topicName, read, write, perm, topicFilterType, topicSysFlag, order, attributes);
    }
}
