package dev.mq.spring.e2e;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.spring.MqMessage;
import dev.mq.spring.annotation.MqListener;
import dev.mq.spring.idempotency.Claim;
import dev.mq.spring.idempotency.IdempotencyStore;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an idempotent {@code @MqListener} guarantees, whatever the store behind it: copies of one
 * key sent at once never run beside each other and are processed once, and a copy sent later is
 * acknowledged without a call. Each subclass picks a store with {@code mq.idempotency.store} and
 * gives the context what that store needs; keys are new in every run, as the JDBC and Redis stores
 * outlive the test.
 */
@EmbeddedMq(topics = IdempotentListenerContract.TOPIC, properties = "mq.broker.delay-levels="
        + "200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdempotentListenerContract {

    static final String TOPIC = "E2eDuplicates";
    static final String GROUP = "e2e-duplicate-readers";
    static final String LISTENER = "e2eDuplicates";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Counts calls per key; a call with a key in {@link #holdKeys} waits for {@link #release}. */
    static class DuplicateListener {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Set<String> holdKeys = ConcurrentHashMap.newKeySet();
        final CountDownLatch release = new CountDownLatch(1);

        @MqListener(topic = TOPIC, group = GROUP, id = LISTENER, concurrency = "8")
        void on(String body, MqMessage message) throws InterruptedException {
            String key = message.firstKey();
            calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (holdKeys.contains(key) && !release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the call for " + key);
            }
        }

        int callsOf(String key) {
            AtomicInteger count = calls.get(key);
            return count == null ? 0 : count.get();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(DuplicateListener.class)
    static class App {
        @Bean
        ListenerOutcomes listenerOutcomes() {
            return new ListenerOutcomes();
        }

        @Bean
        ObservationRegistry observationRegistry(ListenerOutcomes outcomes) {
            return outcomes.registry();
        }
    }

    @Autowired
    MqClient client;

    @Autowired
    DuplicateListener listener;

    @Autowired
    ListenerOutcomes outcomes;

    @Autowired
    IdempotencyStore store;

    private Producer producer;

    /** The store the subclass's settings select. */
    abstract Class<? extends IdempotencyStore> expectedStore();

    @BeforeAll
    void startProducer() {
        producer = client.producer("e2e-duplicate-producer").build();
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    @Test
    void theSettingsSelectTheStoreUnderTest() {
        assertThat(store).isInstanceOf(expectedStore());
    }

    @Test
    void copiesSentAtOnceNeverRunBesideTheFirstAndACopySentLaterIsAcknowledgedWithoutACall() throws Exception {
        String key = "held-" + UUID.randomUUID();
        listener.holdKeys.add(key);
        int copies = 6;

        sendAtOnce(key, copies);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(listener.callsOf(key)).isEqualTo(1);
            assertThat(outcomes.count(LISTENER, key, Outcome.HELD_ELSEWHERE))
                    .as("a copy arrived while the first call ran").isPositive();
        });
        listener.release.countDown();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(outcomes.count(LISTENER, key, Outcome.SUCCESS)).isEqualTo(1);
            assertThat(outcomes.count(LISTENER, key, Outcome.DUPLICATE)).as("every other copy acknowledged")
                    .isEqualTo(copies - 1);
        });
        assertThat(listener.callsOf(key)).isEqualTo(1);
        assertThat(store.claim(GROUP, key, Duration.ofMinutes(1)).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);

        producer.send(message(key, "late copy"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(outcomes.count(LISTENER, key, Outcome.DUPLICATE))
                .isEqualTo(copies));
        assertThat(listener.callsOf(key)).isEqualTo(1);
        assertThat(outcomes.count(LISTENER, key, Outcome.FAILURE)).isZero();
    }

    @Test
    void manyKeysEachSentSeveralTimesAtOnceAreEachProcessedOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add("many-" + i + "-" + run);
        }
        int copies = 3;

        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sends = new ArrayList<>();
            for (int copy = 0; copy < copies; copy++) {
                for (String key : keys) {
                    String body = "copy " + copy;
                    sends.add(senders.submit(() -> {
                        start.await();
                        return producer.send(message(key, body));
                    }));
                }
            }
            start.countDown();
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }

        await().atMost(WAIT).untilAsserted(() -> {
            for (String key : keys) {
                assertThat(outcomes.count(LISTENER, key, Outcome.SUCCESS)).as(key).isEqualTo(1);
                assertThat(outcomes.count(LISTENER, key, Outcome.DUPLICATE)).as(key).isEqualTo(copies - 1);
            }
        });
        for (String key : keys) {
            assertThat(listener.callsOf(key)).as(key).isEqualTo(1);
        }
    }

    /** Sends {@code copies} messages with {@code key} from as many threads, released together. */
    private void sendAtOnce(String key, int copies) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(copies);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                String body = "copy " + i;
                sends.add(senders.submit(() -> {
                    start.await();
                    return producer.send(message(key, body));
                }));
            }
            start.countDown();
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private static Message message(String key, String body) {
        return Message.builder(TOPIC).keys(key).body(body).build();
    }
}
