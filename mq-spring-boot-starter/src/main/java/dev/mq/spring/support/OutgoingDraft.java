package dev.mq.spring.support;

import dev.mq.client.Message;
import dev.mq.client.MqClientException;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message on its way out, before it is built: the parts {@link OutgoingMessageFactory} found, which a
 * template may still add to (a sharding key, a delay, trace properties) before {@link #build()}.
 */
public final class OutgoingDraft {

    private final Destination destination;
    private final byte[] body;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String tag;
    private List<String> keys = List.of();
    private Duration delay;
    private Instant deliverAt;
    private String shardingKey;

    OutgoingDraft(Destination destination, byte[] body) {
        this.destination = destination;
        this.body = body;
        this.tag = destination.tag();
    }

    /** Where the message goes. */
    public Destination destination() {
        return destination;
    }

    /** The user properties so far (mutable: trace context and content type go here). */
    public Map<String, String> properties() {
        return properties;
    }

    /** The tag, or null. */
    public String tag() {
        return tag;
    }

    void tag(String tag) {
        this.tag = tag;
    }

    void keys(Collection<String> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Delivers the message this long after the send. */
    public OutgoingDraft delay(Duration delay) {
        if (delay == null || delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("a delay must be positive, got " + delay);
        }
        this.delay = delay;
        return this;
    }

    /** Delivers the message at this time. */
    public OutgoingDraft deliverAt(Instant deliverAt) {
        if (deliverAt == null) {
            throw new IllegalArgumentException("a delivery time is required");
        }
        this.deliverAt = deliverAt;
        return this;
    }

    /** Sends the message to its sharding key's queue, in order with the key's other messages. */
    public OutgoingDraft shardingKey(String shardingKey) {
        if (shardingKey == null || shardingKey.isBlank()) {
            throw new IllegalArgumentException("a sharding key is required and cannot be blank");
        }
        this.shardingKey = shardingKey;
        return this;
    }

    /**
     * Builds the client message.
     *
     * @throws IllegalArgumentException with the client's reason when the message is not sendable (body
     *                                  too large, a property with a reserved name, two delay forms, ...)
     */
    public Message build() {
        Message.Builder builder = Message.builder(destination.topic()).body(body).properties(properties);
        if (tag != null) {
            builder.tags(tag);
        }
        if (!keys.isEmpty()) {
            builder.keys(keys);
        }
        if (delay != null) {
            builder.delay(delay);
        }
        if (deliverAt != null) {
            builder.deliverAt(deliverAt);
        }
        if (shardingKey != null) {
            builder.shardingKey(shardingKey);
        }
        try {
            return builder.build();
        } catch (MqClientException e) {
            throw new IllegalArgumentException("cannot send to '" + destination + "': " + e.getMessage(), e);
        }
    }
}
