package dev.mq.spring.listener;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.spring.MqMessage;
import dev.mq.spring.annotation.MqDlqHandler;
import dev.mq.spring.annotation.MqListener;
import dev.mq.test.EmbeddedMq;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With no observation handler the listener skips the {@code mq.listener} observation: a {@code byte[]}
 * payload still arrives as sent, failures are still retried, and the dead-letter handler is still told.
 */
@SpringBootTest(classes = ListenerWithoutObservationTest.App.class)
@EmbeddedMq(topics = "Unobserved", properties = "mq.broker.delay-levels="
        + "200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms")
@DirtiesContext
class ListenerWithoutObservationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Component
    static class Listeners {
        final List<byte[]> bodies = new CopyOnWriteArrayList<>();
        final List<Integer> deliveries = new CopyOnWriteArrayList<>();
        final List<MqMessage> deadLetters = new CopyOnWriteArrayList<>();

        @MqListener(topic = "Unobserved", group = "unobserved-readers", maxRetries = 1, id = "unobserved")
        void doomed(byte[] body, MqMessage message) {
            bodies.add(body);
            deliveries.add(message.reconsumeTimes());
            throw new IllegalStateException("always fails");
        }

        @MqDlqHandler(group = "unobserved-readers")
        void deadLetter(MqMessage message) {
            deadLetters.add(message);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    static class App {
        /** The test class path has Spring Boot's observation handlers (metrics): this registry has none. */
        @Bean
        ObservationRegistry observationRegistry() {
            return ObservationRegistry.NOOP;
        }
    }

    @Autowired
    MqClient client;

    @Autowired
    Listeners listeners;

    @Autowired
    ObjectProvider<ObservationRegistry> registry;

    @Test
    void bytesArriveAsSentAndTheLastFailureReachesTheDeadLetterHandler() {
        ObservationRegistry observations = registry.getIfAvailable(() -> ObservationRegistry.NOOP);
        assertThat(observations.isNoop()).as("this test is about the listener without observations").isTrue();

        try (Producer producer = client.producer("unobserved-test-producer").build()) {
            producer.send(Message.builder("Unobserved").keys("unobserved-1").body(new byte[]{7, 8, 9}).build());
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.deadLetters).hasSize(1));
        assertThat(listeners.deadLetters.get(0).keys()).containsExactly("unobserved-1");
        assertThat(listeners.deliveries).as("maxRetries = 1: two deliveries").containsExactly(0, 1);
        assertThat(listeners.bodies).allSatisfy(body -> assertThat(body).isEqualTo(new byte[]{7, 8, 9}));
    }
}
