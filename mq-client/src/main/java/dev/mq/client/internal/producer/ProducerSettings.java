package dev.mq.client.internal.producer;

import dev.mq.client.MqClientException;

import java.time.Duration;
import java.util.Objects;

/**
 * Validated settings of one producer.
 *
 * @param group             the producer group
 * @param sendTimeout       the time one send may take, retries included
 * @param retries           further attempts after a failed one (sync and async sends)
 * @param compressThreshold bodies of at least this many bytes are zlib-compressed (single messages only)
 * @param compressionLevel  zlib level, 0-9
 * @param faultAvoidance    whether brokers that failed or answered slowly are avoided for a while
 */
public record ProducerSettings(String group, Duration sendTimeout, int retries, int compressThreshold,
                               int compressionLevel, boolean faultAvoidance) {

    /** Longest group name, as Apache clients check it. */
    public static final int MAX_GROUP_LENGTH = 255;

    /** Checks every value; the first bad one fails naming the setting. */
    public ProducerSettings {
        checkGroup(group);
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        if (sendTimeout.isNegative() || sendTimeout.isZero() || sendTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new MqClientException("sendTimeout must be a positive duration below 24 days, got " + sendTimeout);
        }
        if (retries < 0) {
            throw new MqClientException("retries must be 0 or more, got " + retries);
        }
        if (compressThreshold < 1) {
            throw new MqClientException("compressBodiesOver must be at least 1 byte, got " + compressThreshold);
        }
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new MqClientException("compressionLevel must be 0..9 (zlib), got " + compressionLevel);
        }
    }

    /**
     * Checks a group name: 1 to {@value #MAX_GROUP_LENGTH} letters, digits, '%', '|', '_' and '-'.
     *
     * @throws MqClientException naming the problem
     */
    public static void checkGroup(String group) {
        if (group == null || group.isBlank()) {
            throw new MqClientException("the group name is empty");
        }
        if (group.length() > MAX_GROUP_LENGTH) {
            throw new MqClientException("the group name is longer than " + MAX_GROUP_LENGTH + " characters");
        }
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '%' || c == '|' || c == '_' || c == '-';
            if (!allowed) {
                throw new MqClientException("the group name '" + group
                        + "' may only contain letters, digits, '%', '|', '_' and '-'");
            }
        }
    }
}
