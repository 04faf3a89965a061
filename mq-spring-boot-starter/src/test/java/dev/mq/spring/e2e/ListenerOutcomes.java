package dev.mq.spring.e2e;

import dev.mq.client.ReceivedMessage;
import dev.mq.spring.listener.MqListenerObservationContext;
import dev.mq.spring.listener.MqListenerObservationContext.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every finished {@code mq.listener} observation, so a test can count how each delivery of a key
 * ended (processed, duplicate, held elsewhere, failed). Kept through a handler of the registry
 * {@link #registry()} makes; the registry is the application's {@code ObservationRegistry} bean.
 */
final class ListenerOutcomes {

    private final List<MqListenerObservationContext> finished = new CopyOnWriteArrayList<>();

    /** A registry whose listener observations end up here. */
    ObservationRegistry registry() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<MqListenerObservationContext>() {
            @Override
            public void onStop(MqListenerObservationContext context) {
                finished.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof MqListenerObservationContext;
            }
        });
        return registry;
    }

    /** How many deliveries to listener {@code listenerId} that carried {@code key} ended with {@code outcome}. */
    long count(String listenerId, String key, Outcome outcome) {
        return finished.stream()
                .filter(context -> context.endpoint().id().equals(listenerId) && context.outcome() == outcome)
                .flatMap(context -> context.messages().stream())
                .map(ReceivedMessage::keys)
                .filter(keys -> keys.contains(key))
                .count();
    }
}
