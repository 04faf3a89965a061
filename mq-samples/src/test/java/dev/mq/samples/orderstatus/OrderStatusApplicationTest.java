package dev.mq.samples.orderstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.mq.spring.listener.MqListenerEndpointRegistry;
import dev.mq.test.EmbeddedMq;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Runs order-status against an embedded server and sends the status changes of six orders interleaved
 * (each order's first change, then each order's second, ...); the orders share four queues, so a queue
 * carries several orders' changes mixed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        classes = OrderStatusApplication.class)
@EmbeddedMq(topics = StatusPublisher.TOPIC)
class OrderStatusApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> LIFECYCLE = List.of("CREATED", "PAID", "PACKED", "SHIPPED", "DELIVERED");

    @Autowired
    StatusPublisher publisher;

    @Autowired
    StatusBoard board;

    @Autowired
    MqListenerEndpointRegistry listeners;

    @Test
    void appliesEachOrdersChangesInTheOrderTheyWereSent() {
        List<String> orders = List.of("o-1", "o-2", "o-3", "o-4", "o-5", "o-6");

        for (String status : LIFECYCLE) {
            for (String order : orders) {
                publisher.publish(order, status);
            }
        }

        await().atMost(WAIT).untilAsserted(() -> {
            for (String order : orders) {
                assertThat(board.history(order)).as(order).containsExactlyElementsOf(LIFECYCLE);
            }
        });
        assertThat(listeners.getListenerContainer("order-status").endpoint().orderly()).isTrue();
    }
}
