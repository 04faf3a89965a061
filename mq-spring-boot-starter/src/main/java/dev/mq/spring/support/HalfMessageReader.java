package dev.mq.spring.support;

import dev.mq.client.ReceivedMessage;
import dev.mq.spring.MqHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns the half message of a transaction check-back into the Spring {@link Message} that
 * {@link dev.mq.spring.MqLocalTransaction#check} gets: the body as a {@code String} when its content type
 * is text, else as {@code byte[]}; the {@link MqHeaders} a received message carries, and every user
 * property as a header of its name.
 */
public final class HalfMessageReader {

    private static final String SHARDING_KEY_PROPERTY = "__SHARDINGKEY";

    /** The Spring message of {@code half}. */
    public Message<?> read(ReceivedMessage half) {
        String contentType = half.property(MqHeaders.CONTENT_TYPE);
        Object payload = isText(contentType) ? new String(half.body(), StandardCharsets.UTF_8) : half.body();
        MessageBuilder<Object> message = MessageBuilder.withPayload(payload)
                .copyHeaders(half.properties())
                .setHeader(MqHeaders.MESSAGE_ID, half.messageId())
                .setHeader(MqHeaders.OFFSET_MESSAGE_ID, half.offsetMessageId())
                .setHeader(MqHeaders.TOPIC, half.topic())
                .setHeader(MqHeaders.QUEUE_ID, half.queueId())
                .setHeader(MqHeaders.QUEUE_OFFSET, half.queueOffset())
                .setHeader(MqHeaders.RECONSUME_TIMES, half.reconsumeTimes())
                .setHeader(MqHeaders.BORN_TIME, half.bornTimestamp())
                .setHeader(MqHeaders.STORE_TIME, half.storeTimestamp());
        if (half.tags() != null) {
            message.setHeader(MqHeaders.TAGS, half.tags());
        }
        if (!half.keys().isEmpty()) {
            message.setHeader(MqHeaders.KEYS, half.keys());
        }
        String shardingKey = half.systemProperties().get(SHARDING_KEY_PROPERTY);
        if (shardingKey != null) {
            message.setHeader(MqHeaders.SHARDING_KEY, shardingKey);
        }
        return message.build();
    }

    private static boolean isText(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/");
    }
}
