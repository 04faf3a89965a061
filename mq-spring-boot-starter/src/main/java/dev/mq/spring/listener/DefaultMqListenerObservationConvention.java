package dev.mq.spring.listener;

import io.micrometer.common.KeyValues;

/**
 * Observation {@code mq.listener}, contextual name {@code <topic> process}; low-cardinality tags
 * {@code mq.topic}, {@code mq.group}, {@code mq.listener.id} and {@code outcome}
 * ({@code success}, {@code failure}, {@code duplicate}, {@code held_elsewhere}); high-cardinality tag
 * {@code mq.message.id} (the first message's).
 */
public class DefaultMqListenerObservationConvention implements MqListenerObservationConvention {

    /** The observation's name. */
    public static final String NAME = "mq.listener";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(MqListenerObservationContext context) {
        return context.endpoint().topic() + " process";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(MqListenerObservationContext context) {
        MqListenerEndpoint endpoint = context.endpoint();
        return KeyValues.of("mq.topic", endpoint.topic(), "mq.group", endpoint.group(),
                "mq.listener.id", endpoint.id(), "outcome", context.outcome().tagValue());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(MqListenerObservationContext context) {
        return KeyValues.of("mq.message.id", context.messages().get(0).messageId());
    }
}
