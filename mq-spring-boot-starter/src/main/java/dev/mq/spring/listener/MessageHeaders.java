package dev.mq.spring.listener;

import dev.mq.client.ReceivedMessage;
import dev.mq.spring.MqHeaders;

import java.util.LinkedHashMap;
import java.util.Map;

/** The headers a received message shows a listener: its user properties and the {@link MqHeaders} it has. */
final class MessageHeaders {

    private MessageHeaders() {
    }

    static Map<String, Object> of(ReceivedMessage message) {
        Map<String, Object> headers = new LinkedHashMap<>(message.properties());
        headers.put(MqHeaders.MESSAGE_ID, message.messageId());
        headers.put(MqHeaders.OFFSET_MESSAGE_ID, message.offsetMessageId());
        headers.put(MqHeaders.TOPIC, message.topic());
        if (message.tags() != null) {
            headers.put(MqHeaders.TAGS, message.tags());
        }
        headers.put(MqHeaders.KEYS, message.keys());
        headers.put(MqHeaders.QUEUE_ID, message.queueId());
        headers.put(MqHeaders.QUEUE_OFFSET, message.queueOffset());
        headers.put(MqHeaders.RECONSUME_TIMES, message.reconsumeTimes());
        headers.put(MqHeaders.BORN_TIME, message.bornTimestamp());
        headers.put(MqHeaders.STORE_TIME, message.storeTimestamp());
        return headers;
    }
}
