package dev.mq.spring.listener;

import dev.mq.client.ReceivedMessage;
import io.micrometer.observation.transport.ReceiverContext;

import java.util.List;
import java.util.Objects;

/**
 * What the {@code mq.listener} observation knows about one delivery to a listener: the endpoint,
 * the messages, and once it is done, the {@link Outcome}. Its carrier is the (first) message, whose
 * user properties a tracer reads to continue the producer's trace.
 */
public class MqListenerObservationContext extends ReceiverContext<ReceivedMessage> {

    private final MqListenerEndpoint endpoint;
    private final List<ReceivedMessage> messages;
    private Outcome outcome = Outcome.FAILURE;

    public MqListenerObservationContext(MqListenerEndpoint endpoint, List<ReceivedMessage> messages) {
        super((carrier, key) -> carrier.property(key));
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.messages = List.copyOf(messages);
        setCarrier(messages.get(0));
        setRemoteServiceName("mq");
    }

    /** The listener. */
    public MqListenerEndpoint endpoint() {
        return endpoint;
    }

    /** The messages of this delivery (one unless the listener takes batches). */
    public List<ReceivedMessage> messages() {
        return messages;
    }

    /** How the delivery ended; {@link Outcome#FAILURE} until it ended otherwise. */
    public Outcome outcome() {
        return outcome;
    }

    void outcome(Outcome outcome) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /** How a delivery to a listener ended. */
    public enum Outcome {
        /** The method ran and returned. */
        SUCCESS,
        /** The method threw (or the message could not be read): the message is delivered again or dead-lettered. */
        FAILURE,
        /** Every message was processed before: acknowledged without calling the method. */
        DUPLICATE,
        /** Another consumer holds a message's idempotency key: not called now, delivered again later. */
        HELD_ELSEWHERE;

        /** The tag value: lower case. */
        public String tagValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
