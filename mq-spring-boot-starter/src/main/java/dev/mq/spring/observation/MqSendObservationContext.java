package dev.mq.spring.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The context of one {@code mq.send} observation. Its carrier is the map of user properties the message
 * will get: a tracing handler (a Micrometer Tracing bridge) writes the trace context into it
 * ({@code traceparent}, ...) when the observation starts, so the trace continues in the consumer.
 */
public class MqSendObservationContext extends SenderContext<Map<String, String>> {

    private final String topic;
    private final SendMode mode;
    private final String producerGroup;
    private String messageId;

    /** Creates the context of a send to {@code topic} by {@code producerGroup}. */
    public MqSendObservationContext(String topic, SendMode mode, String producerGroup) {
        super((carrier, key, value) -> carrier.put(key, value), Kind.PRODUCER);
        this.topic = topic;
        this.mode = mode;
        this.producerGroup = producerGroup;
        setCarrier(new LinkedHashMap<>());
        setRemoteServiceName("mq");
    }

    /** The topic sent to. */
    public String getTopic() {
        return topic;
    }

    /** How the message is sent. */
    public SendMode getMode() {
        return mode;
    }

    /** The producer group that sends. */
    public String getProducerGroup() {
        return producerGroup;
    }

    /** The message id the broker stored the message under, once known (null for oneway sends). */
    public String getMessageId() {
        return messageId;
    }

    /** Sets the message id of the stored message. */
    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }
}
