package dev.mq.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs each send inside an {@code mq.send} observation. The send gets the properties the observation's
 * handlers wrote into the carrier (the trace context), to add to its message before building it.
 */
public class MqSendObserver {

    private static final DefaultMqSendObservationConvention DEFAULT = new DefaultMqSendObservationConvention();

    private final ObservationRegistry registry;
    private final MqSendObservationConvention convention;

    /**
     * Creates the observer.
     *
     * @param registry   where observations go ({@link ObservationRegistry#NOOP} for none)
     * @param convention the application's convention, or null for {@link DefaultMqSendObservationConvention}
     */
    public MqSendObserver(ObservationRegistry registry, MqSendObservationConvention convention) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.convention = convention;
    }

    /**
     * Observes a send that finishes when {@code send} returns.
     *
     * @param send     sends, given the trace properties; returns the message id or null
     */
    public <T> T observe(String topic, SendMode mode, String group, Function<Map<String, String>, T> send,
                         Function<T, String> messageId) {
        MqSendObservationContext context = new MqSendObservationContext(topic, mode, group);
        Observation observation = start(context);
        try {
            T result = send.apply(context.getCarrier());
            context.setMessageId(result == null ? null : messageId.apply(result));
            return result;
        } catch (RuntimeException | Error e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    /** Observes a send that finishes when the future it returns completes. */
    public <T> CompletableFuture<T> observeAsync(String topic, String group,
                                                 Function<Map<String, String>, CompletableFuture<T>> send,
                                                 Function<T, String> messageId) {
        MqSendObservationContext context = new MqSendObservationContext(topic, SendMode.ASYNC, group);
        Observation observation = start(context);
        CompletableFuture<T> sent;
        try {
            sent = send.apply(context.getCarrier());
        } catch (RuntimeException | Error e) {
            observation.error(e);
            observation.stop();
            throw e;
        }
        return sent.whenComplete((result, failure) -> {
            if (failure != null) {
                observation.error(failure);
            } else {
                context.setMessageId(result == null ? null : messageId.apply(result));
            }
            observation.stop();
        });
    }

    private Observation start(MqSendObservationContext context) {
        return Observation.createNotStarted(convention, DEFAULT, () -> context, registry).start();
    }
}
