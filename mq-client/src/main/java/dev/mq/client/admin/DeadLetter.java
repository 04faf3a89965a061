package dev.mq.client.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One message in a group's dead-letter queue, as LIST_DEAD_LETTERS describes it (no body; read the
 * whole message with {@link MqAdmin#messagesById} and the {@link #offsetMessageId()}).
 *
 * @param brokerName      the broker holding it
 * @param messageId       the id clients saw (UNIQ_KEY); what {@link MqAdmin#resendDeadLetters} takes
 * @param offsetMessageId the id of this stored dead letter
 * @param queueOffset     its offset in the dead-letter queue
 * @param originTopic     the topic it failed on; empty when unknown (then it cannot be re-sent)
 * @param originMessageId the id of the message that failed ({@code DLQ_ORIGIN_MESSAGE_ID}), if known
 * @param keys            its keys
 * @param tags            its tag, if any
 * @param storeTime       when it became a dead letter
 * @param bornTime        when its producer sent it
 * @param reconsumeTimes  failed deliveries before it became a dead letter
 * @param bodyLength      body size in bytes
 * @param properties      every property of the stored dead letter
 */
public record DeadLetter(String brokerName, String messageId, String offsetMessageId, long queueOffset,
                         Optional<String> originTopic, Optional<String> originMessageId, List<String> keys,
                         Optional<String> tags, Instant storeTime, Instant bornTime, int reconsumeTimes,
                         int bodyLength, Map<String, String> properties) {

    /** Makes the collections unmodifiable copies. */
    public DeadLetter {
        keys = List.copyOf(keys);
        properties = Map.copyOf(properties);
    }
}
