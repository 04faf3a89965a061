package dev.mq.samples.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.mq.spring.MqHeaders;
import dev.mq.spring.MqTemplate;
import dev.mq.spring.listener.MqListenerEndpointRegistry;
import dev.mq.spring.listener.MqListenerObservationContext.Outcome;
import dev.mq.test.EmbeddedMq;
import io.micrometer.observation.ObservationRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Runs points-service against an embedded server and injects duplicates: one order's event sent five
 * times (two one after the other, three at once from three threads). Each delivery's outcome is
 * counted through the {@code mq.listener} observation, so the test knows when every copy has been
 * dealt with. Retries of deliveries that found their key held by a concurrent copy come back after
 * the shortened delay levels.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        classes = {PointsServiceApplication.class, PointsServiceApplicationTest.Outcomes.class},
        properties = "mq.producer.group=points-test-sender")
@EmbeddedMq(topics = "Orders", properties = "mq.broker.delay-levels=1s,1s,1s,1s,1s,1s")
class PointsServiceApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestConfiguration(proxyBeanMethods = false)
    static class Outcomes {
        @Bean
        ListenerOutcomeCounter listenerOutcomeCounter() {
            return new ListenerOutcomeCounter();
        }

        @Bean
        ObservationRegistry observationRegistry(ListenerOutcomeCounter counter) {
            return counter.registry();
        }
    }

    @Autowired
    MqTemplate mqTemplate;

    @Autowired
    PointsLedger ledger;

    @Autowired
    ListenerOutcomeCounter outcomes;

    @Autowired
    MqListenerEndpointRegistry listeners;

    @Test
    void creditsEachOrderOnceHoweverOftenItsEventArrives() throws Exception {
        // the listener owns the four queues of Orders (and its group's retry queue) before anything is sent
        await().atMost(WAIT).until(() -> listeners.getListenerContainer("points").assignment().stream()
                .filter(queue -> queue.topic().equals("Orders")).count() == 4);
        OrderCreatedEvent duplicated = new OrderCreatedEvent("order-1", "alice", "book", 3);
        OrderCreatedEvent single = new OrderCreatedEvent("order-2", "bob", "pen", 1);

        send(duplicated);
        send(duplicated);
        sendConcurrently(duplicated, 3);
        send(single);

        await().atMost(WAIT).until(() -> outcomes.count(Outcome.SUCCESS) + outcomes.count(Outcome.DUPLICATE) == 6);
        assertThat(outcomes.count(Outcome.SUCCESS)).isEqualTo(2);
        assertThat(outcomes.count(Outcome.DUPLICATE)).isEqualTo(4);
        assertThat(outcomes.count(Outcome.FAILURE)).isZero();
        assertThat(ledger.balance("alice")).isEqualTo(30);
        assertThat(ledger.balance("bob")).isEqualTo(10);
    }

    private void send(OrderCreatedEvent event) {
        mqTemplate.send("Orders:created", MessageBuilder.withPayload(event).setHeader(MqHeaders.KEYS, event.orderId()).build());
    }

    private void sendConcurrently(OrderCreatedEvent event, int copies) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(copies);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                sent.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted before sending", e);
                    }
                    send(event);
                }, senders));
            }
            start.countDown();
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
        } finally {
            senders.shutdownNow();
        }
    }
}
