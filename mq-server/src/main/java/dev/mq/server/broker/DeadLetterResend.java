package dev.mq.server.broker;

import dev.mq.store.record.AppendMessage;
import dev.mq.store.record.MessageProperties;
import dev.mq.store.record.MessageSysFlag;
import dev.mq.store.record.RecordView;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Builds the message that re-sends a dead letter: the same body, flag, born time and host, keys,
 * tags, user properties and UNIQ_KEY (so consumers see the same message id), addressed to the topic
 * the message originally failed on, with a re-consume count of 0 and without the retry and
 * dead-letter bookkeeping properties.
 */
final class DeadLetterResend {

    /** The property that counts retries in client-side sends to retry topics; reset to 0 when present. */
    static final String RECONSUME_TIME = "RECONSUME_TIME";

    /** Properties the retry and dead-letter paths added; a re-sent message starts without them. */
    static final List<String> BOOKKEEPING = List.of(SendBackProcessor.DLQ_ORIGIN_TOPIC,
            SendBackProcessor.DLQ_ORIGIN_MESSAGE_ID, SendBackProcessor.RETRY_TOPIC, SendBackProcessor.ORIGIN_MESSAGE_ID,
            DelayLevels.REAL_TOPIC, DelayLevels.REAL_QID, DelayLevels.DELAY, "MAX_RECONSUME_TIMES");

    private DeadLetterResend() {
    }

    /**
     * The topic a dead letter came from: DLQ_ORIGIN_TOPIC, else RETRY_TOPIC, else REAL_TOPIC unless
     * that is itself a retry or dead-letter topic; null when none is known.
     */
    static String originTopic(Map<String, String> properties) {
        for (String name : List.of(SendBackProcessor.DLQ_ORIGIN_TOPIC, SendBackProcessor.RETRY_TOPIC,
                DelayLevels.REAL_TOPIC)) {
            String topic = properties.get(name);
            if (topic != null && !topic.isEmpty() && !topic.startsWith(TopicTable.RETRY_PREFIX)
                    && !topic.startsWith(TopicTable.DLQ_PREFIX)) {
                return topic;
            }
        }
        return null;
    }

    /**
     * The re-send of the dead letter {@code record} (positioned at its start) to {@code topic} queue
     * {@code queueId}. Transaction type bits are cleared: the copy is an ordinary message.
     */
    static AppendMessage build(ByteBuffer record, String topic, int queueId) {
        RecordView view = new RecordView().wrap(record, record.position());
        Map<String, String> properties = MessageProperties.parse(view.properties());
        BOOKKEEPING.forEach(properties::remove);
        properties.computeIfPresent(RECONSUME_TIME, (name, value) -> "0");
        AppendMessage copy = Redelivery.copy(record, topic, queueId, 0, MessageProperties.format(properties));
        return new AppendMessage(copy.topic(), copy.queueId(), copy.flag(),
                copy.sysFlag() & ~MessageSysFlag.TRANSACTION_TYPE_MASK, copy.bornTimestamp(), copy.bornHost(), 0, 0L,
                copy.body(), copy.properties());
    }
}
