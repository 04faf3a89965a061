package dev.mq.spring.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default naming of sends: observation {@code mq.send}, contextual name {@code "<topic> send"};
 * low-cardinality tags {@code topic}, {@code mode} ({@link SendMode#tagValue()}) and {@code outcome}
 * ({@code success} or {@code failure}); high-cardinality tags {@code producer.group} and
 * {@code message.id} (when known).
 */
public class DefaultMqSendObservationConvention implements MqSendObservationConvention {

    /** The observation's name. */
    public static final String NAME = "mq.send";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(MqSendObservationContext context) {
        return context.getTopic() + " send";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(MqSendObservationContext context) {
        return KeyValues.of(KeyValue.of("topic", context.getTopic()),
                KeyValue.of("mode", context.getMode().tagValue()),
                KeyValue.of("outcome", context.getError() == null ? "success" : "failure"));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(MqSendObservationContext context) {
        KeyValues values = KeyValues.of(KeyValue.of("producer.group", String.valueOf(context.getProducerGroup())));
        return context.getMessageId() == null ? values : values.and(KeyValue.of("message.id", context.getMessageId()));
    }
}
