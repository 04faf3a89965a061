package dev.mq.server.broker.deadletter;

import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordView;

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


    /** Properties the retry and dead-letter paths added; a re-sent message starts without them. */
    static final List<String> BOOKKEEPING = List.of(PropertyNames.DLQ_ORIGIN_TOPIC,
            PropertyNames.DLQ_ORIGIN_MESSAGE_ID, PropertyNames.RETRY_TOPIC, PropertyNames.ORIGIN_MESSAGE_ID,
            PropertyNames.REAL_TOPIC, PropertyNames.REAL_QUEUE_ID, PropertyNames.DELAY, PropertyNames.MAX_RECONSUME_TIMES);

    private DeadLetterResend() {
    }

    /**
     * The topic a dead letter came from: DLQ_ORIGIN_TOPIC, else RETRY_TOPIC, else REAL_TOPIC unless
     * that is itself a retry or dead-letter topic; null when none is known.
     */
    static String originTopic(Map<String, String> properties) {
        for (String name : List.of(PropertyNames.DLQ_ORIGIN_TOPIC, PropertyNames.RETRY_TOPIC,
                PropertyNames.REAL_TOPIC)) {
            String topic = properties.get(name);
            if (topic != null && !topic.isEmpty() && !topic.startsWith(TopicNames.RETRY_PREFIX)
                    && !topic.startsWith(TopicNames.DLQ_PREFIX)) {
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
        properties.computeIfPresent(PropertyNames.RECONSUME_TIME, (name, value) -> "0");
        AppendMessage copy = AppendMessage.copyOf(record, topic, queueId, 0, MessageProperties.format(properties));
        return new AppendMessage(copy.topic(), copy.queueId(), copy.flag(),
                copy.sysFlag() & ~MessageSysFlag.TRANSACTION_TYPE_MASK, copy.bornTimestamp(), copy.bornHost(), 0, 0L,
                copy.body(), copy.properties());
    }
}
