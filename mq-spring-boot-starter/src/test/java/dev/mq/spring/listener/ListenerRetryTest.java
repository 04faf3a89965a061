package dev.mq.spring.listener;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.admin.DeadLetterCursor;
import dev.mq.spring.MqMessage;
import dev.mq.spring.annotation.MqDlqHandler;
import dev.mq.spring.annotation.MqListener;
import dev.mq.spring.listener.MqListenerObservationContext.Outcome;
import dev.mq.test.EmbeddedMq;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A thrown exception means a retry through the broker; after maxRetries, the DLQ and its handler. */
@SpringBootTest(classes = ListenerRetryTest.App.class, properties = "dlq.group=doomed-readers")
@EmbeddedMq(topics = {"Flaky", "Doomed"}, properties = "mq.broker.delay-levels="
        + "200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Component
    static class Listeners {
        final List<Integer> flakyDeliveries = new CopyOnWriteArrayList<>();
        final List<String> flakyDone = new CopyOnWriteArrayList<>();
        final List<Integer> doomedDeliveries = new CopyOnWriteArrayList<>();
        final List<MqMessage> deadLetters = new CopyOnWriteArrayList<>();

        @MqListener(topic = "Flaky", group = "flaky-readers", id = "flaky")
        void flaky(String text, MqMessage message) {
            flakyDeliveries.add(message.reconsumeTimes());
            if (message.reconsumeTimes() == 0) {
                throw new IllegalStateException("first attempt fails");
            }
            flakyDone.add(text);
        }

        @MqListener(topic = "Doomed", group = "${dlq.group}", maxRetries = 1, id = "doomed")
        void doomed(MqMessage message) {
            doomedDeliveries.add(message.reconsumeTimes());
            throw new IllegalStateException("always fails");
        }

        @MqDlqHandler(group = "${dlq.group}")
        void deadLetter(MqMessage message) {
            deadLetters.add(message);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    static class App {
        @Bean
        RecordedOutcomes recordedOutcomes() {
            return new RecordedOutcomes();
        }

        @Bean
        ObservationRegistry observationRegistry(RecordedOutcomes outcomes) {
            return RecordedOutcomes.registryWith(outcomes);
        }
    }

    @Autowired
    MqClient client;

    @Autowired
    Listeners listeners;

    @Autowired
    RecordedOutcomes outcomes;

    Producer producer;

    @BeforeAll
    void startProducer() {
        producer = client.producer("retry-test-producer").build();
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    @Test
    void aFailedAttemptIsRetriedThroughTheBrokerAndThenSucceeds() {
        producer.send(Message.builder("Flaky").keys("flaky-1").body("flaky-1").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.flakyDone).containsExactly("flaky-1"));
        assertThat(listeners.flakyDeliveries).containsExactly(0, 1);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(outcomes.count("flaky", Outcome.FAILURE)).isEqualTo(1);
            assertThat(outcomes.count("flaky", Outcome.SUCCESS)).isEqualTo(1);
        });
        MqListenerObservationContext failure = outcomes.finished.stream()
                .filter(c -> c.outcome() == Outcome.FAILURE && c.endpoint().id().equals("flaky")).findFirst().orElseThrow();
        assertThat(failure.getError()).hasMessage("first attempt fails");
        assertThat(failure.getLowCardinalityKeyValues()).contains(KeyValue.of("mq.topic", "Flaky"),
                KeyValue.of("mq.group", "flaky-readers"), KeyValue.of("mq.listener.id", "flaky"),
                KeyValue.of("outcome", "failure"));
    }

    @Test
    void afterMaxRetriesTheMessageGoesToTheDeadLetterQueueAndItsHandlerIsToldOnce() {
        producer.send(Message.builder("Doomed").keys("doomed-1").body("doomed-1").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.deadLetters).hasSize(1));
        MqMessage dead = listeners.deadLetters.get(0);
        assertThat(dead.keys()).containsExactly("doomed-1");
        assertThat(dead.topic()).isEqualTo("Doomed");
        assertThat(dead.reconsumeTimes()).isEqualTo(1);
        assertThat(listeners.doomedDeliveries).as("maxRetries = 1: two deliveries").containsExactly(0, 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.admin().deadLetters("doomed-readers",
                DeadLetterCursor.FIRST, 10).messages()).anySatisfy(letter -> assertThat(letter.keys()).contains("doomed-1")));
        assertThat(listeners.deadLetters).hasSize(1);
        assertThat(Collections.frequency(listeners.doomedDeliveries, 1)).isEqualTo(1);
    }
}
