package dev.mq.spring;

import dev.mq.client.ReceivedMessage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A received message as it is, for a listener that wants more than its payload: a parameter of this
 * type in an {@code @MqListener} or {@code @MqDlqHandler} method, and the root object of an
 * {@code idempotencyKey} expression.
 *
 * @param id             the unique message id the producer gave it
 * @param topic          the topic it was sent to (also for a redelivered message)
 * @param tags           its tag, or null
 * @param keys           its keys, possibly empty
 * @param properties     its user properties ({@code contentType} among them), possibly empty
 * @param reconsumeTimes how often it was delivered before and failed (0 on the first delivery)
 * @param bornTime       when the producer sent it (producer clock)
 * @param storeTime      when the broker stored it (broker clock)
 * @param body           the body, decompressed
 */
public record MqMessage(String id, String topic, String tags, List<String> keys, Map<String, String> properties,
                        int reconsumeTimes, Instant bornTime, Instant storeTime, byte[] body) {

    /** Copies the collections, so the record cannot change. */
    public MqMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        keys = List.copyOf(keys);
        properties = Map.copyOf(properties);
        Objects.requireNonNull(body, "body");
    }

    /** The view of a message a consumer received. */
    public static MqMessage of(ReceivedMessage message) {
        return new MqMessage(message.messageId(), message.topic(), message.tags(), message.keys(),
                message.properties(), message.reconsumeTimes(), message.bornTimestamp(), message.storeTimestamp(),
                message.body());
    }

    /** A user property, or null. */
    public String property(String name) {
        return properties.get(name);
    }

    /** The first key, or null when the message has none. */
    public String firstKey() {
        return keys.isEmpty() ? null : keys.get(0);
    }

    /** Short description for logs: id, topic, tags and keys; not the body. */
    @Override
    public String toString() {
        return "MqMessage[" + id + " " + topic + (tags == null ? "" : " tags=" + tags)
                + (keys.isEmpty() ? "" : " keys=" + keys) + " reconsumeTimes=" + reconsumeTimes
                + " bodyLength=" + body.length + "]";
    }
}
