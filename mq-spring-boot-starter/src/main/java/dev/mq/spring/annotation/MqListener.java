package dev.mq.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method of any bean consume a topic: one push consumer per annotation, started after the
 * application context is refreshed and stopped gracefully when it closes.
 *
 * <pre>{@code
 * @MqListener(topic = "Orders", group = "billing", selector = "created || paid")
 * void on(Order order, @Header(MqHeaders.KEYS) List<String> keys) { ... }
 * }</pre>
 *
 * <p>Parameters: the payload (any type the application's
 * {@link dev.mq.spring.support.MqPayloadConverter} can read, generic types included; at most one),
 * {@link org.springframework.messaging.handler.annotation.Header @Header} (names from
 * {@link dev.mq.spring.MqHeaders}, or a user property's name),
 * {@link org.springframework.messaging.handler.annotation.Headers @Headers} {@code Map<String, Object>},
 * {@link dev.mq.spring.MqMessage} or {@link org.springframework.messaging.Message Message&lt;T&gt;}. With
 * {@link #batchSize()} above 1 the only parameter is a {@code List} of payloads or of {@code MqMessage}.
 *
 * <p>A method that returns normally has processed its message; one that throws has it delivered again
 * through the broker, up to {@link #maxRetries()} times, after which it goes to the group's
 * dead-letter queue and the group's {@link MqDlqHandler} method, if there is one, is called.
 *
 * <p>Every {@code String} attribute may use {@code ${...}} placeholders.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(MqListeners.class)
public @interface MqListener {

    /** The topic to consume. Required. */
    String topic();

    /** The consumer group. Required; one listener per group in an application. */
    String group();

    /** Tag expression: {@code *} for every message, or tags separated by {@code ||}. */
    String selector() default "*";

    /** Clustering (the group shares the queues) or broadcasting (each instance gets everything). */
    ConsumeMode mode() default ConsumeMode.CLUSTERING;

    /**
     * Whether the messages of each queue are processed one at a time in queue order (messages sent with
     * the same sharding key are in one queue); failures are then retried in place.
     */
    boolean orderly() default false;

    /** Threads that run the method; empty for {@code mq.consumer.concurrency}. */
    String concurrency() default "";

    /**
     * Redeliveries after the first failure before the message goes to the dead-letter queue:
     * {@code maxRetries = 1} means two deliveries. -1 for {@code mq.consumer.max-retries}.
     */
    int maxRetries() default 16;

    /** Messages per invocation; above 1 the method takes a {@code List}. */
    int batchSize() default 1;

    /**
     * Whether a message whose idempotency key this group processed already is acknowledged without
     * calling the method, and concurrent duplicates never run side by side.
     */
    boolean idempotent() default true;

    /**
     * SpEL over the {@link dev.mq.spring.MqMessage} that gives the idempotency key, e.g.
     * {@code properties['orderId']}; empty for the message's first key, else its unique id.
     */
    String idempotencyKey() default "";

    /** The id the {@code MqListenerEndpointRegistry} knows the listener by; empty for {@code bean.method}. */
    String id() default "";

    /** Whether the listener starts with the application ({@code true}/{@code false}); empty for {@code mq.listener.auto-startup}. */
    String autoStartup() default "";
}
