package dev.mq.samples.points;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mq.spring.listener.MqListenerObservationContext;
import dev.mq.spring.listener.MqListenerObservationContext.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * Counts the outcomes of the {@code mq.listener} observations per message key (the order id): how
 * each delivery ended. Not itself a
 * handler (Spring Boot would register a handler bean a second time): {@link #registry()} makes a
 * registry with the counting handler.
 */
final class ListenerOutcomeCounter {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    ObservationRegistry registry() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<MqListenerObservationContext>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof MqListenerObservationContext;
            }

            @Override
            public void onStop(MqListenerObservationContext context) {
                String key = context.messages().get(0).keys().isEmpty() ? "" : context.messages().get(0).keys().get(0);
                counts.computeIfAbsent(key + "/" + context.outcome(), k -> new AtomicInteger()).incrementAndGet();
            }
        });
        return registry;
    }

    int count(String key, Outcome outcome) {
        AtomicInteger count = counts.get(key + "/" + outcome);
        return count == null ? 0 : count.get();
    }
}
