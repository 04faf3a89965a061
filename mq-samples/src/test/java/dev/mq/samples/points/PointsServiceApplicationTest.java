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
        awaitQueues();
        OrderCreatedEvent duplicated = new OrderCreatedEvent("order-1", "alice", "book", 3);
        OrderCreatedEvent single = new OrderCreatedEvent("order-2", "bob", "pen", 1);

        send(duplicated);
        send(duplicated);
        sendConcurrently(duplicated, 3);
        send(single);

        await().atMost(WAIT).until(() -> outcomes.count("order-1", Outcome.SUCCESS)
                + outcomes.count("order-1", Outcome.DUPLICATE) == 5 && outcomes.count("order-2", Outcome.SUCCESS) == 1);
        assertThat(outcomes.count("order-1", Outcome.SUCCESS)).isEqualTo(1);
        assertThat(outcomes.count("order-1", Outcome.DUPLICATE)).isEqualTo(4);
        assertThat(outcomes.count("order-1", Outcome.FAILURE)).isZero();
        assertThat(ledger.balance("alice")).isEqualTo(30);
        assertThat(ledger.balance("bob")).isEqualTo(10);
        assertThat(ledger.creditsOf("order-1")).isEqualTo(1);
    }

    @Test
    void concurrentFirstCreditsOfOneCustomerDoNotCollide() {
        awaitQueues();
        List<OrderCreatedEvent> orders = List.of(new OrderCreatedEvent("c-1", "carol", "a", 1),
                new OrderCreatedEvent("c-2", "carol", "b", 1), new OrderCreatedEvent("c-3", "carol", "c", 1),
                new OrderCreatedEvent("c-4", "carol", "d", 1));
        // four first credits of one customer, over four queues: the listener runs them at the same time
        orders.forEach(this::send);

        await().atMost(WAIT).until(() -> orders.stream()
                .allMatch(order -> outcomes.count(order.orderId(), Outcome.SUCCESS) == 1));
        for (OrderCreatedEvent order : orders) {
            assertThat(outcomes.count(order.orderId(), Outcome.FAILURE)).as(order.orderId()).isZero();
            assertThat(ledger.creditsOf(order.orderId())).isEqualTo(1);
        }
        assertThat(ledger.balance("carol")).isEqualTo(40);
    }

    /** The listener owns the four queues of Orders (and its group's retry queue) before anything is sent. */
    private void awaitQueues() {
        await().atMost(WAIT).until(() -> listeners.getListenerContainer("points").assignment().stream()
                .filter(queue -> queue.topic().equals("Orders")).count() == 4);
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
