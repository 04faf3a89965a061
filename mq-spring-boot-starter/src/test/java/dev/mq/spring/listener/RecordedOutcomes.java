package dev.mq.spring.listener;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every finished {@code mq.listener} observation's context, through a handler of the registry
 * {@link #registryWith} makes (not itself a handler, so Spring Boot does not register it a second time).
 */
final class RecordedOutcomes {

    final List<MqListenerObservationContext> finished = new CopyOnWriteArrayList<>();

    static ObservationRegistry registryWith(RecordedOutcomes outcomes) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<MqListenerObservationContext>() {
            @Override
            public void onStop(MqListenerObservationContext context) {
                outcomes.finished.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof MqListenerObservationContext;
            }
        });
        return registry;
    }

    long count(String listenerId, MqListenerObservationContext.Outcome outcome) {
        return finished.stream().filter(c -> c.endpoint().id().equals(listenerId) && c.outcome() == outcome).count();
    }
}
