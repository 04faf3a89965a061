package dev.mq.client.internal.producer;

import java.util.Objects;

/**
 * A message ready to send, as {@code Message.build()} validated it: everything the send path needs,
 * computed once, so that a send (and each retry) only adds the message id.
 *
 * @param topic             the topic
 * @param properties        the properties string (name 0x01 value 0x02 ...) without UNIQ_KEY; ends with
 *                          0x02 when not empty
 * @param body              the body, not compressed (the producer compresses)
 * @param flag              the application flag
 * @param shardingKey       the sharding key of an ordered message, or null
 * @param delayed           whether the message asks for a delay (level, relative or absolute time)
 * @param reconsumeTimes    for a retry sent to a {@code %RETRY%} topic by a consumer: how often it was
 *                          consumed (header field {@code j}); else 0
 * @param maxReconsumeTimes for such a retry: the retry limit (header field {@code l}), or null
 */
public record OutgoingMessage(String topic, String properties, byte[] body, int flag, String shardingKey,
                              boolean delayed, int reconsumeTimes, Integer maxReconsumeTimes) {

    /** The largest body (or encoded batch) a broker accepts by default: 4 MiB. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** Checks the required parts. */
    public OutgoingMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(body, "body");
    }
}
