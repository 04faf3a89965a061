package dev.mq.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code mq.send} observation. Declare a bean of this type to replace
 * {@link DefaultMqSendObservationConvention} (extend it to add tags).
 */
public interface MqSendObservationConvention extends ObservationConvention<MqSendObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof MqSendObservationContext;
    }
}
