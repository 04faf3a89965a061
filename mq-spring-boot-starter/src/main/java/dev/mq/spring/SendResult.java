package dev.mq.spring;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where a message sent through {@link MqTemplate} was stored.
 *
 * @param messageId       the message id consumers see (comma-separated ids for a batch, as RocketMQ reports it)
 * @param offsetMessageId the broker's id of the stored record (comma-separated for a batch); null when the
 *                        broker did not report one
 * @param topic           the topic sent to
 * @param brokerName      the broker group that stored it
 * @param queueId         the queue it was stored in
 * @param queueOffset     its offset in that queue (for a batch, the first message's)
 */
public record SendResult(String messageId, String offsetMessageId, String topic, String brokerName, int queueId,
                         long queueOffset) {

    /** The result of a client send. */
    public static SendResult of(dev.mq.client.SendResult sent) {
        Objects.requireNonNull(sent, "sent");
        return new SendResult(sent.messageId(), sent.offsetMessageId(), sent.topic(), sent.brokerName(),
                sent.queueId(), sent.queueOffset());
    }

    /** One result for a batch: ids joined with commas, the first message's queue and offset. */
    public static SendResult ofBatch(List<dev.mq.client.SendResult> sent) {
        if (sent == null || sent.isEmpty()) {
            throw new IllegalArgumentException("a batch result needs at least one message's result");
        }
        dev.mq.client.SendResult first = sent.get(0);
        String ids = sent.stream().map(dev.mq.client.SendResult::messageId).collect(Collectors.joining(","));
        String offsetIds = sent.stream().allMatch(r -> r.offsetMessageId() != null)
                ? sent.stream().map(dev.mq.client.SendResult::offsetMessageId).collect(Collectors.joining(","))
                : null;
        return new SendResult(ids, offsetIds, first.topic(), first.brokerName(), first.queueId(), first.queueOffset());
    }
}
