package dev.mq.client;

import dev.mq.client.internal.SystemProperties;
import dev.mq.client.internal.producer.OutgoingMessage;
import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.Validation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message to send: topic, optional tag, keys and user properties, a body, and optionally a delay
 * (a delay level, a delay, or a delivery time: one of them) and a sharding key. Built and validated
 * by {@link #builder(String)}; immutable afterwards, except that the body array is taken and
 * returned as is (not copied): do not change it after building.
 *
 * <pre>{@code
 * Message message = Message.builder("Orders").tags("created").keys("order-42")
 *         .property("region", "eu").body(json).build();
 * }</pre>
 *
 * <p>A message with a {@linkplain Builder#shardingKey(String) sharding key} is sent in order: all
 * messages with the same key go to the same queue (and are never moved to another one).
 */
public final class Message {

    /** The largest body a broker accepts by default: 4 MiB. */
    public static final int MAX_BODY_BYTES = OutgoingMessage.MAX_BODY_BYTES;

    /**
     * Bytes of the properties string (tags, keys, user properties, ...) a message may use: the wire
     * format's 32767 less room for what the producer adds (message id, transaction properties).
     */
    public static final int MAX_PROPERTIES_BYTES = Short.MAX_VALUE - 512;

    private final String topic;
    private final String tags;
    private final List<String> keys;
    private final Map<String, String> properties;
    private final byte[] body;
    private final int delayLevel;
    private final Duration delay;
    private final Instant deliverAt;
    private final String shardingKey;
    private final OutgoingMessage outgoing;

    private Message(Builder builder, OutgoingMessage outgoing) {
        this.topic = builder.topic;
        this.tags = builder.tags;
        this.keys = List.copyOf(builder.keys);
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
        this.body = builder.body;
        this.delayLevel = builder.delayLevel;
        this.delay = builder.delay;
        this.deliverAt = builder.deliverAt;
        this.shardingKey = builder.shardingKey;
        this.outgoing = outgoing;
    }

    /** Starts a message to {@code topic}. */
    public static Builder builder(String topic) {
        return new Builder(topic);
    }

    /** The topic. */
    public String topic() {
        return topic;
    }

    /** The tag, or null. */
    public String tags() {
        return tags;
    }

    /** The business keys (indexed by the broker for queries), possibly empty. */
    public List<String> keys() {
        return keys;
    }

    /** The user properties in the order they were added, possibly empty. */
    public Map<String, String> properties() {
        return properties;
    }

    /** The body (the array itself, not a copy). */
    public byte[] body() {
        return body;
    }

    /** The delay level (1 = the broker's shortest), or 0 when the message uses no delay level. */
    public int delayLevel() {
        return delayLevel;
    }

    /** How long after the send the message is delivered, or null. */
    public Duration delay() {
        return delay;
    }

    /** When the message is delivered, or null. */
    public Instant deliverAt() {
        return deliverAt;
    }

    /** The sharding key of an ordered message, or null. */
    public String shardingKey() {
        return shardingKey;
    }

    /** What the producer sends: computed once when the message was built. */
    OutgoingMessage outgoing() {
        return outgoing;
    }

    /** Topic, tag, keys, delay and body length; not the body. */
    @Override
    public String toString() {
        return "Message[" + topic + (tags == null ? "" : " tags=" + tags) + (keys.isEmpty() ? "" : " keys=" + keys)
                + (properties.isEmpty() ? "" : " properties=" + properties)
                + (delayLevel > 0 ? " delayLevel=" + delayLevel : "") + (delay != null ? " delay=" + delay : "")
                + (deliverAt != null ? " deliverAt=" + deliverAt : "")
                + (shardingKey != null ? " shardingKey=" + shardingKey : "") + " bodyLength=" + body.length + "]";
    }

    /**
     * Collects a message's parts; {@link #build()} validates them all. Not thread-safe; a builder can
     * build several messages.
     */
    public static final class Builder {

        private final String topic;
        private String tags;
        private final List<String> keys = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private byte[] body;
        private int delayLevel;
        private Duration delay;
        private Instant deliverAt;
        private String shardingKey;

        private Builder(String topic) {
            this.topic = topic;
        }

        /** Sets the tag (one tag; consumers filter on it). */
        public Builder tags(String tags) {
            this.tags = tags;
            return this;
        }

        /** Adds business keys (no spaces within a key: keys travel space-separated). */
        public Builder keys(String... keys) {
            return keys(Arrays.asList(keys));
        }

        /** Adds business keys (no spaces within a key: keys travel space-separated). */
        public Builder keys(Collection<String> keys) {
            for (String key : keys) {
                this.keys.add(key);
            }
            return this;
        }

        /** Sets a user property; the name must not be a system property's (KEYS, TAGS, DELAY, ...). */
        public Builder property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        /** Sets user properties; see {@link #property(String, String)}. */
        public Builder properties(Map<String, String> properties) {
            this.properties.putAll(properties);
            return this;
        }

        /** Sets the body (not copied; at most {@value Message#MAX_BODY_BYTES} bytes, not empty). */
        public Builder body(byte[] body) {
            this.body = body;
            return this;
        }

        /** Sets the body to the UTF-8 bytes of {@code text}. */
        public Builder body(String text) {
            this.body = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Delays delivery by a broker delay level (RocketMQ's default levels: 1 = 1 s, 2 = 5 s, 3 = 10 s,
         * ... 18 = 2 h; a level above the broker's highest means its highest).
         */
        public Builder delayLevel(int level) {
            this.delayLevel = level;
            return this;
        }

        /**
         * Delivers the message this long after the send (5.x timer messages, property TIMER_DELAY_MS;
         * the broker rounds to its timer precision, 1 s by default, and refuses more than its maximum, 3
         * days by default).
         */
        public Builder delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        /** Delivers the message at {@code time} (5.x timer messages, property TIMER_DELIVER_MS); a past time means now. */
        public Builder deliverAt(Instant time) {
            this.deliverAt = time;
            return this;
        }

        /** Sends the message in order with every other message of this key: same key, same queue. */
        public Builder shardingKey(String key) {
            this.shardingKey = key;
            return this;
        }

        /**
         * Validates the parts and builds the message.
         *
         * @throws MqClientException naming the first problem: topic (empty, too long, bad characters, a
         *                           system topic), body (missing, empty, too large), a tag, key,
         *                           property or sharding key that is blank, holds a reserved character
         *                           or uses a system property's name, more than one delay form, a
         *                           delay level below 1, a delay that is not positive, or properties
         *                           too long for the wire format
         */
        public Message build() {
            Validation name = TopicNames.checkSendable(topic);
            if (!name.isValid()) {
                throw new MqClientException("invalid message: " + name.problem());
            }
            if (body == null || body.length == 0) {
                throw new MqClientException("invalid message to topic " + topic + ": the body is "
                        + (body == null ? "missing" : "empty"));
            }
            if (body.length > MAX_BODY_BYTES) {
                throw new MqClientException("invalid message to topic " + topic + ": the body is " + body.length
                        + " bytes, more than the " + MAX_BODY_BYTES + " a broker accepts");
            }
            int delayForms = (delayLevel != 0 ? 1 : 0) + (delay != null ? 1 : 0) + (deliverAt != null ? 1 : 0);
            if (delayForms > 1) {
                throw new MqClientException("invalid message to topic " + topic
                        + ": choose one of delayLevel, delay and deliverAt");
            }
            if (delayLevel < 0) {
                throw new MqClientException("invalid message to topic " + topic + ": delayLevel must be 1 or more, got "
                        + delayLevel);
            }
            if (delay != null && (delay.isNegative() || delay.isZero())) {
                throw new MqClientException("invalid message to topic " + topic + ": delay must be positive, got " + delay);
            }
            StringBuilder text = new StringBuilder(64);
            if (tags != null) {
                append(text, PropertyNames.TAGS, checkText("tags", tags));
            }
            if (!keys.isEmpty()) {
                for (String key : keys) {
                    checkText("key", key);
                    if (key.chars().anyMatch(Character::isWhitespace)) {
                        throw new MqClientException("invalid message to topic " + topic + ": key '" + key
                                + "' contains whitespace; keys travel space-separated, so give it as separate keys");
                    }
                }
                append(text, PropertyNames.KEYS, String.join(" ", keys));
            }
            append(text, PropertyNames.WAIT_STORE, "true");
            for (Map.Entry<String, String> property : properties.entrySet()) {
                String propertyName = checkText("property name", property.getKey());
                if (SystemProperties.isReserved(propertyName)) {
                    throw new MqClientException("invalid message to topic " + topic + ": '" + propertyName
                            + "' is a system property's name; use the builder's method for it, or another name");
                }
                if (property.getValue() == null || property.getValue().isEmpty()) {
                    throw new MqClientException("invalid message to topic " + topic + ": property '" + propertyName
                            + "' has no value (the wire format cannot carry an empty one)");
                }
                append(text, propertyName, checkText("value of property " + propertyName, property.getValue()));
            }
            if (delayLevel > 0) {
                append(text, PropertyNames.DELAY, Integer.toString(delayLevel));
            } else if (delay != null) {
                append(text, PropertyNames.TIMER_DELAY_MS, Long.toString(delay.toMillis()));
            } else if (deliverAt != null) {
                append(text, PropertyNames.TIMER_DELIVER_MS, Long.toString(deliverAt.toEpochMilli()));
            }
            if (shardingKey != null) {
                append(text, PropertyNames.SHARDING_KEY, checkText("sharding key", shardingKey));
            }
            String encoded = text.toString();
            int length = encoded.getBytes(StandardCharsets.UTF_8).length;
            if (length > MAX_PROPERTIES_BYTES) {
                throw new MqClientException("invalid message to topic " + topic + ": tags, keys and properties take "
                        + length + " bytes, more than " + MAX_PROPERTIES_BYTES);
            }
            OutgoingMessage outgoing = new OutgoingMessage(topic, encoded, body, 0, shardingKey, delayForms > 0, 0, null);
            return new Message(this, outgoing);
        }

        private String checkText(String what, String value) {
            if (value == null) {
                throw new MqClientException("invalid message to topic " + topic + ": a " + what + " is null");
            }
            if (value.isBlank()) {
                throw new MqClientException("invalid message to topic " + topic + ": the " + what + " is blank");
            }
            if (value.indexOf(MessageProperties.NAME_VALUE_SEPARATOR) >= 0
                    || value.indexOf(MessageProperties.PROPERTY_SEPARATOR) >= 0) {
                throw new MqClientException("invalid message to topic " + topic + ": the " + what
                        + " contains \\u0001 or \\u0002, which separate properties on the wire");
            }
            return value;
        }

        private static void append(StringBuilder text, String name, String value) {
            text.append(name).append(MessageProperties.NAME_VALUE_SEPARATOR).append(value)
                    .append(MessageProperties.PROPERTY_SEPARATOR);
        }
    }
}
