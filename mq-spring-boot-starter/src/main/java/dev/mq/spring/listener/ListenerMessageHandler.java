package dev.mq.spring.listener;

import dev.mq.client.ConsumeResult;
import dev.mq.client.MessageListener;
import dev.mq.client.OrderlyMessageListener;
import dev.mq.client.ReceivedMessage;
import dev.mq.spring.annotation.ConsumeMode;
import dev.mq.spring.idempotency.Claim;
import dev.mq.spring.idempotency.IdempotencyStore;
import dev.mq.spring.listener.MqListenerObservationContext.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the push consumer of one {@code @MqListener} calls with each delivery: observes it, checks
 * idempotency, calls the method (in a transaction when that applies), and tells the group's
 * dead-letter handler about messages that failed their last allowed attempt. A failure is rethrown
 * to the consumer, which hands the messages back to the broker for a retry.
 *
 * <p>Idempotency, per message: {@link IdempotencyStore#claim claim} its key; if any key is held by
 * another consumer, release what was claimed and retry later without calling the method; messages
 * already processed are left out (all of them: acknowledged without a call); the method gets the
 * rest, and their claims are completed when it returns (in its transaction, where that applies) or
 * released when it throws.
 */
final class ListenerMessageHandler implements MessageListener, OrderlyMessageListener {

    private final MqListenerEndpoint endpoint;
    private final Object bean;
    private final Method method;
    private final MethodArguments arguments;
    private final IdempotencyKeys keys;
    private final Idempotency idempotency;
    private final boolean transactional;
    private final ListenerTransactions transactions;
    private final DeadLetterHandler deadLetters;
    private final Observations observations;

    /**
     * @param keys        the idempotency keys, or null when the listener is not idempotent
     * @param deadLetters the group's dead-letter handler, or null
     */
    ListenerMessageHandler(MqListenerEndpoint endpoint, Object bean, Method method, MethodArguments arguments,
                           IdempotencyKeys keys, Idempotency idempotency, ListenerTransactions transactions,
                           DeadLetterHandler deadLetters, Observations observations) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.bean = Objects.requireNonNull(bean, "bean");
        this.method = Objects.requireNonNull(method, "method");
        this.arguments = Objects.requireNonNull(arguments, "arguments");
        this.keys = keys;
        this.idempotency = idempotency;
        this.transactions = transactions;
        this.transactional = keys != null && idempotency.store().completesInCallerTransaction()
                && transactions.appliesTo(method, org.springframework.aop.support.AopUtils.getTargetClass(bean));
        this.deadLetters = deadLetters;
        this.observations = observations;
    }

    /** Whether invocations and claim completions share one transaction. */
    boolean transactional() {
        return transactional;
    }

    @Override
    public ConsumeResult consume(List<ReceivedMessage> messages) throws Exception {
        if (!observations.enabled()) {
            // nothing would observe the delivery: spare building its context for every message
            try {
                return result(process(messages));
            } catch (Exception e) {
                reportDeadLetters(messages, e);
                throw e;
            }
        }
        MqListenerObservationContext context = new MqListenerObservationContext(endpoint, messages);
        Observation observation = observations.start(context);
        try (Observation.Scope scope = observation.openScope()) {
            Outcome outcome = process(messages);
            context.outcome(outcome);
            return result(outcome);
        } catch (Exception | Error e) {
            context.outcome(Outcome.FAILURE);
            observation.error(e);
            if (e instanceof Exception failure) {
                reportDeadLetters(messages, failure);
            }
            throw e;
        } finally {
            observation.stop();
        }
    }

    private static ConsumeResult result(Outcome outcome) {
        return outcome == Outcome.HELD_ELSEWHERE ? ConsumeResult.RETRY_LATER : ConsumeResult.SUCCESS;
    }

    private Outcome process(List<ReceivedMessage> messages) throws Exception {
        if (keys == null) {
            invoke(messages);
            return Outcome.SUCCESS;
        }
        Claim[] claims = new Claim[messages.size()];
        int acquired = 0;
        boolean held = false;
        try {
            for (int i = 0; i < claims.length; i++) {
                Claim claim = idempotency.store().claim(endpoint.group(), keys.keyOf(messages.get(i)), idempotency.lease());
                switch (claim.status()) {
                    case ACQUIRED -> {
                        claims[i] = claim;
                        acquired++;
                    }
                    case HELD_ELSEWHERE -> held = true;
                    case ALREADY_PROCESSED -> {
                    }
                }
            }
        } catch (RuntimeException e) {
            releaseAll(claims, e);
            throw e;
        }
        if (held) {
            releaseAll(claims, null);
            return Outcome.HELD_ELSEWHERE;
        }
        if (acquired == 0) {
            return Outcome.DUPLICATE;
        }
        List<ReceivedMessage> fresh = acquired == claims.length ? messages : acquiredOnly(messages, claims, acquired);
        try {
            if (transactional) {
                transactions.run(() -> invokeAndComplete(fresh, claims));
            } else {
                invokeAndComplete(fresh, claims);
            }
        } catch (Exception | Error e) {
            releaseAll(claims, e);
            throw e;
        }
        return Outcome.SUCCESS;
    }

    /** The messages whose claim was acquired, in their order. */
    private static List<ReceivedMessage> acquiredOnly(List<ReceivedMessage> messages, Claim[] claims, int acquired) {
        List<ReceivedMessage> fresh = new ArrayList<>(acquired);
        for (int i = 0; i < claims.length; i++) {
            if (claims[i] != null) {
                fresh.add(messages.get(i));
            }
        }
        return fresh;
    }

    /** Calls the method with {@code messages}, then completes {@code claims} (null where none was acquired). */
    private void invokeAndComplete(List<ReceivedMessage> messages, Claim[] claims) throws Exception {
        invoke(messages);
        for (Claim claim : claims) {
            if (claim != null) {
                idempotency.store().complete(claim, idempotency.ttl());
            }
        }
    }

    private void invoke(List<ReceivedMessage> messages) throws Exception {
        Object[] values = arguments.resolve(messages);
        try {
            method.invoke(bean, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Releases claims after a failure (null where none was acquired); a release that fails is added
     * to it (or thrown when there is none).
     */
    private void releaseAll(Claim[] claims, Throwable failure) {
        RuntimeException releaseFailure = null;
        for (Claim claim : claims) {
            if (claim == null) {
                continue;
            }
            try {
                idempotency.store().release(claim);
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (releaseFailure == null) {
                    releaseFailure = e;
                } else {
                    releaseFailure.addSuppressed(e);
                }
            }
        }
        if (releaseFailure != null) {
            throw releaseFailure;
        }
    }

    private void reportDeadLetters(List<ReceivedMessage> messages, Exception failure) {
        if (deadLetters == null || endpoint.mode() == ConsumeMode.BROADCASTING) {
            return;
        }
        for (ReceivedMessage message : messages) {
            if (message.reconsumeTimes() >= endpoint.maxRetries()) {
                deadLetters.deadLettered(message, failure);
            }
        }
    }

    /** The idempotency store and its durations. */
    record Idempotency(IdempotencyStore store, Duration lease, Duration ttl) {
    }

    /** Starts {@code mq.listener} observations. */
    record Observations(ObservationRegistry registry, MqListenerObservationConvention convention) {

        /**
         * Whether an observation would reach a handler: not with a no-op registry, nor one without
         * handlers (then {@link Observation#createNotStarted} gives the no-op observation anyway).
         */
        boolean enabled() {
            return !registry.isNoop();
        }

        Observation start(MqListenerObservationContext context) {
            return Observation.createNotStarted(convention, new DefaultMqListenerObservationConvention(),
                    () -> context, registry).start();
        }
    }
}
