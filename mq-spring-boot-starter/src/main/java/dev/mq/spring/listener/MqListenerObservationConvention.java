package dev.mq.spring.listener;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code mq.listener} observation; a bean of this type replaces
 * {@link DefaultMqListenerObservationConvention}.
 */
public interface MqListenerObservationConvention extends ObservationConvention<MqListenerObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof MqListenerObservationContext;
    }
}
