package dev.mq.spring.support;

import dev.mq.spring.MqHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns what a template is given, a payload or a Spring {@link Message}, into an {@link OutgoingDraft}:
 * the body and content type from the {@link MqPayloadConverter}, and from a message's headers the keys,
 * tag, delay, delivery time and sharding key ({@link MqHeaders}); every other header becomes a user
 * property. Spring's own {@code id} and {@code timestamp} headers, and the headers a received message
 * carries ({@link MqHeaders#MESSAGE_ID}, {@link MqHeaders#TOPIC}, ...), are not sent.
 */
public final class OutgoingMessageFactory {

    private static final Set<String> NOT_SENT = Set.of(MessageHeaders.ID, MessageHeaders.TIMESTAMP,
            MqHeaders.MESSAGE_ID, MqHeaders.OFFSET_MESSAGE_ID, MqHeaders.TOPIC, MqHeaders.QUEUE_ID,
            MqHeaders.QUEUE_OFFSET, MqHeaders.RECONSUME_TIMES, MqHeaders.BORN_TIME, MqHeaders.STORE_TIME);

    private final MqPayloadConverter converter;

    /** Creates a factory writing payloads with {@code converter}. */
    public OutgoingMessageFactory(MqPayloadConverter converter) {
        this.converter = Objects.requireNonNull(converter, "converter");
    }

    /** A draft of {@code payload}; a Spring {@link Message} payload has its headers read too. */
    public OutgoingDraft draft(Destination destination, Object payload) {
        if (payload instanceof Message<?> message) {
            return fromMessage(destination, message);
        }
        return withBody(destination, payload);
    }

    /**
     * A draft of a Spring message: its payload through the converter, its headers as described above.
     *
     * @throws IllegalArgumentException for a header value of the wrong type, or one that cannot be a property
     */
    public OutgoingDraft fromMessage(Destination destination, Message<?> message) {
        Objects.requireNonNull(message, "message");
        OutgoingDraft draft = withBody(destination, message.getPayload());
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            String name = header.getKey();
            Object value = header.getValue();
            if (value == null || NOT_SENT.contains(name)) {
                continue;
            }
            switch (name) {
                case MqHeaders.KEYS -> draft.keys(keys(value));
                case MqHeaders.TAGS -> draft.tag(tag(destination, value));
                case MqHeaders.DELAY -> draft.delay(delay(value));
                case MqHeaders.DELIVER_AT -> draft.deliverAt(deliverAt(value));
                case MqHeaders.SHARDING_KEY -> draft.shardingKey(text(name, value));
                default -> draft.properties().put(name, property(name, value));
            }
        }
        return draft;
    }

    private OutgoingDraft withBody(Destination destination, Object payload) {
        MqPayloadConverter.Body body = converter.toBody(payload);
        OutgoingDraft draft = new OutgoingDraft(destination, body.bytes());
        if (body.contentType() != null) {
            draft.properties().put(MqHeaders.CONTENT_TYPE, body.contentType());
        }
        return draft;
    }

    private static List<String> keys(Object value) {
        if (value instanceof CharSequence key) {
            return List.of(key.toString());
        }
        if (value instanceof Collection<?> collection) {
            List<String> keys = new ArrayList<>(collection.size());
            for (Object key : collection) {
                keys.add(text(MqHeaders.KEYS, key));
            }
            return keys;
        }
        if (value instanceof String[] array) {
            return List.of(array);
        }
        throw wrongType(MqHeaders.KEYS, value, "a String or a collection of Strings");
    }

    private static String tag(Destination destination, Object value) {
        String tag = text(MqHeaders.TAGS, value);
        Destination.checkTag(MqHeaders.TAGS + " header", tag);
        if (destination.tag() != null && !destination.tag().equals(tag)) {
            throw new IllegalArgumentException("the destination '" + destination + "' names tag '" + destination.tag()
                    + "' but the " + MqHeaders.TAGS + " header says '" + tag + "': give one of them");
        }
        return tag;
    }

    private static Duration delay(Object value) {
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof Number millis) {
            return Duration.ofMillis(millis.longValue());
        }
        throw wrongType(MqHeaders.DELAY, value, "a Duration or milliseconds as a number");
    }

    private static Instant deliverAt(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Number epochMillis) {
            return Instant.ofEpochMilli(epochMillis.longValue());
        }
        throw wrongType(MqHeaders.DELIVER_AT, value, "an Instant or epoch milliseconds as a number");
    }

    private static String text(String header, Object value) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Character) {
            return value.toString();
        }
        throw wrongType(header, value, "a String");
    }

    /** A header value as property text: anything whose class writes its own {@code toString}, but no arrays or containers. */
    private static String property(String header, Object value) {
        if (value.getClass().isArray() || value instanceof Collection<?> || value instanceof Map<?, ?>
                || !writesOwnText(value.getClass())) {
            throw new IllegalArgumentException("header '" + header + "' holds a " + value.getClass().getName()
                    + ", which cannot be a message property: use a String, a number, a boolean, an enum or another"
                    + " value whose toString() is its text");
        }
        return value.toString();
    }

    private static boolean writesOwnText(Class<?> type) {
        try {
            return type.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("every class has toString()", e);
        }
    }

    private static IllegalArgumentException wrongType(String header, Object value, String expected) {
        return new IllegalArgumentException("header '" + header + "' must be " + expected + ", got a "
                + value.getClass().getName());
    }
}
