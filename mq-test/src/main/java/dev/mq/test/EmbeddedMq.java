package dev.mq.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a name server and a broker in the test's JVM for a Spring (Boot) test: free loopback ports, a
 * temporary data directory, no web server. The server starts before the application context, sets
 * {@code mq.namesrv} (and {@code mq.test.broker-address}) in the context's environment, and stops
 * when the context closes. Test classes with the same attributes share one server, as they share
 * one cached context.
 *
 * <pre>{@code
 * @SpringBootTest
 * @EmbeddedMq(topics = {"Orders", "Payments"})
 * class OrderServiceTest { ... }
 * }</pre>
 *
 * <p>For a test without Spring, use {@link EmbeddedMqExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedMq {

    /** Topics created before the context starts, each with {@link #queues()} queues. */
    String[] topics() default {};

    /** Queues of each topic in {@link #topics()}. */
    int queues() default 4;

    /**
     * Whether a send to an unknown topic creates it ({@code mq.broker.auto-create-topic}); off makes
     * a test fail on a topic it forgot to name, as a production broker would.
     */
    boolean autoCreateTopics() default true;

    /** Further server settings, each {@code name=value} ({@code mq.broker.delay-levels=1s,2s}, say). */
    String[] properties() default {};
}
