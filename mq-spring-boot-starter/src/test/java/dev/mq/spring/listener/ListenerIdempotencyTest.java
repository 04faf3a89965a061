package dev.mq.spring.listener;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.spring.MqMessage;
import dev.mq.spring.annotation.MqListener;
import dev.mq.spring.listener.MqListenerObservationContext.Outcome;
import dev.mq.test.EmbeddedMq;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Idempotent listeners with the in-memory store: each key is processed once per group. */
@SpringBootTest(classes = ListenerIdempotencyTest.App.class)
@EmbeddedMq(topics = {"Payments", "Concurrent", "Flaky", "ByProperty", "Batched"}, properties = "mq.broker.delay-levels="
        + "200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerIdempotencyTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Component
    static class Listeners {
        final List<String> payments = new CopyOnWriteArrayList<>();
        final List<String> concurrent = new CopyOnWriteArrayList<>();
        final CountDownLatch releaseConcurrent = new CountDownLatch(1);
        final List<Integer> flakyAttempts = new CopyOnWriteArrayList<>();
        final List<String> flakyDone = new CopyOnWriteArrayList<>();
        final List<String> byProperty = new CopyOnWriteArrayList<>();
        final List<List<String>> batches = new CopyOnWriteArrayList<>();

        @MqListener(topic = "Payments", group = "payment-readers", id = "payments")
        void payment(String body) {
            payments.add(body);
        }

        @MqListener(topic = "Concurrent", group = "concurrent-readers", id = "concurrent", concurrency = "8")
        void concurrent(String body) throws InterruptedException {
            concurrent.add(body);
            if (!releaseConcurrent.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the first invocation");
            }
        }

        @MqListener(topic = "Flaky", group = "flaky-idempotent-readers", id = "flaky")
        void flaky(String body, MqMessage message) {
            flakyAttempts.add(message.reconsumeTimes());
            if (message.reconsumeTimes() == 0) {
                throw new IllegalStateException("first attempt fails");
            }
            flakyDone.add(body);
        }

        @MqListener(topic = "ByProperty", group = "property-readers", id = "byProperty",
                idempotencyKey = "properties['orderId']")
        void byProperty(String body) {
            byProperty.add(body);
        }

        @MqListener(topic = "Batched", group = "batch-readers", id = "batched", batchSize = 10)
        void batched(List<String> bodies) {
            batches.add(List.copyOf(bodies));
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
        producer = client.producer("idempotency-test-producer").build();
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    @Test
    void theSameKeySentTwiceIsProcessedOnce() {
        producer.send(Message.builder("Payments").keys("payment-1").body("first").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.payments).containsExactly("first"));
        producer.send(Message.builder("Payments").keys("payment-1").body("second").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(outcomes.count("payments", Outcome.DUPLICATE)).isEqualTo(1));
        assertThat(listeners.payments).containsExactly("first");
    }

    @Test
    void concurrentDuplicatesNeverRunBesideTheFirstAndAreProcessedOnce() {
        for (int i = 0; i < 5; i++) {
            producer.send(Message.builder("Concurrent").keys("same-key").body("copy-" + i).build());
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(listeners.concurrent).hasSize(1);
            assertThat(outcomes.count("concurrent", Outcome.HELD_ELSEWHERE)).isPositive();
        });
        listeners.releaseConcurrent.countDown();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(outcomes.count("concurrent", Outcome.SUCCESS)).isEqualTo(1);
            assertThat(outcomes.count("concurrent", Outcome.DUPLICATE)).as("every other copy acknowledged")
                    .isEqualTo(4);
        });
        assertThat(listeners.concurrent).hasSize(1);
    }

    @Test
    void aFailedFirstAttemptReleasesTheKeySoTheRetryProcessesItOnce() {
        producer.send(Message.builder("Flaky").keys("flaky-key").body("flaky").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.flakyDone).containsExactly("flaky"));
        assertThat(listeners.flakyAttempts).containsExactly(0, 1);
        producer.send(Message.builder("Flaky").keys("flaky-key").body("flaky again").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(outcomes.count("flaky", Outcome.DUPLICATE)).isEqualTo(1));
        assertThat(listeners.flakyDone).containsExactly("flaky");
    }

    @Test
    void theKeyExpressionReadsTheMessage() {
        producer.send(Message.builder("ByProperty").property("orderId", "o-1").body("one").build());
        producer.send(Message.builder("ByProperty").property("orderId", "o-2").body("two").build());
        producer.send(Message.builder("ByProperty").property("orderId", "o-1").body("one again").build());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(outcomes.count("byProperty", Outcome.SUCCESS) + outcomes.count("byProperty", Outcome.DUPLICATE))
                    .isEqualTo(3);
            assertThat(listeners.byProperty).hasSize(2);
        });
        assertThat(listeners.byProperty).hasSize(2).anyMatch(body -> body.startsWith("one")).contains("two");
    }

    @Test
    void aBatchListenerGetsOnlyTheMessagesOfItsBatchNotProcessedBefore() {
        producer.send(Message.builder("Batched").keys("a").body("a").build());
        producer.send(Message.builder("Batched").keys("b").body("b").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(flatten(listeners.batches)).containsExactlyInAnyOrder("a", "b"));
        // one batch send: the four land in one queue, one after the other, and are pulled together
        producer.sendBatch(List.of(
                Message.builder("Batched").keys("a").body("a again").build(),
                Message.builder("Batched").keys("c").body("c").build(),
                Message.builder("Batched").keys("b").body("b again").build(),
                Message.builder("Batched").keys("d").body("d").build()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(flatten(listeners.batches)).contains("c", "d"));
        assertThat(flatten(listeners.batches)).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(listeners.batches).as("the new messages of the batch send, in their order")
                .anySatisfy(batch -> assertThat(batch).containsSubsequence("c", "d"));
    }

    private static List<String> flatten(List<List<String>> batches) {
        return batches.stream().flatMap(List::stream).toList();
    }
}
