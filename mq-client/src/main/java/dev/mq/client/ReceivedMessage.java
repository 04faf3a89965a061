package dev.mq.client;

import dev.mq.client.internal.LazyProperties;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message as a broker stored it, decoded from a pull, query or check-back body: what consumers'
 * listeners and {@code PullConsumer.poll} get.
 *
 * @param messageId        the message id (UNIQ_KEY) the producer gave it; the offset message id for a
 *                         message stored without one
 * @param offsetMessageId  the id of this stored record: store host and commit-log offset
 * @param topic            the topic; for a retry message the original topic (from RETRY_TOPIC), not
 *                         the group's retry topic
 * @param tags             the tag, or null
 * @param keys             the business keys, possibly empty
 * @param properties       the user properties (no system property), possibly empty
 * @param systemProperties the system properties the record carries (UNIQ_KEY, DELAY, REAL_TOPIC, ...),
 *                         as stored, tags and keys included
 * @param body             the body, decompressed if the producer compressed it
 * @param queueId          the queue the record is in
 * @param queueOffset      its offset in that queue
 * @param commitLogOffset  its offset in the broker's commit log
 * @param bornTimestamp    when the producer sent it (producer clock)
 * @param storeTimestamp   when the broker stored this record (broker clock)
 * @param reconsumeTimes   how often it was consumed before (0 on a first delivery)
 * @param storedTopic      the topic of the queue the record is stored in: {@code topic}, except for a
 *                         retry message, which is stored in {@code %RETRY%<group>}
 * @param brokerName       the broker it was read from, or null when not known (a transaction
 *                         check-back's message)
 */
public record ReceivedMessage(String messageId, String offsetMessageId, String topic, String tags, List<String> keys,
                              Map<String, String> properties, Map<String, String> systemProperties, byte[] body,
                              int queueId, long queueOffset, long commitLogOffset, Instant bornTimestamp,
                              Instant storeTimestamp, int reconsumeTimes, String storedTopic, String brokerName) {

    /** Makes the collections unmodifiable (copies unless they already are). */
    public ReceivedMessage {
        keys = List.copyOf(keys);
        properties = properties instanceof LazyProperties.View ? properties : Map.copyOf(properties);
        systemProperties = systemProperties instanceof LazyProperties.View ? systemProperties
                : Map.copyOf(systemProperties);
        storedTopic = storedTopic == null ? topic : storedTopic;
    }

    /** A message stored in {@code topic} itself, broker not known. */
    public ReceivedMessage(String messageId, String offsetMessageId, String topic, String tags, List<String> keys,
                           Map<String, String> properties, Map<String, String> systemProperties, byte[] body,
                           int queueId, long queueOffset, long commitLogOffset, Instant bornTimestamp,
                           Instant storeTimestamp, int reconsumeTimes) {
        this(messageId, offsetMessageId, topic, tags, keys, properties, systemProperties, body, queueId, queueOffset,
                commitLogOffset, bornTimestamp, storeTimestamp, reconsumeTimes, topic, null);
    }

    /**
     * The queue the message was read from ({@link #storedTopic()}, {@link #brokerName()},
     * {@link #queueId()}), or null when the broker is not known.
     */
    public MessageQueue queue() {
        return brokerName == null ? null : new MessageQueue(storedTopic, brokerName, queueId);
    }

    /** A user property, or null when the message has none of that name. */
    public String property(String name) {
        return properties.get(name);
    }

    /** Short description for logs: ids, topic, queue and offset, tags and keys; not the body. */
    @Override
    public String toString() {
        return "ReceivedMessage[" + messageId + " " + topic + (storedTopic.equals(topic) ? "" : " (in " + storedTopic + ")")
                + "/" + (brokerName == null ? "" : brokerName + "/") + queueId + "@" + queueOffset
                + (tags == null ? "" : " tags=" + tags) + (keys.isEmpty() ? "" : " keys=" + keys)
                + " offsetMessageId=" + offsetMessageId + " bodyLength=" + body.length + "]";
    }
}
