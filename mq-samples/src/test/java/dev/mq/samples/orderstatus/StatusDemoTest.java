package dev.mq.samples.orderstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.mq.test.EmbeddedMq;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The README's order-status demo: every demo order's lifecycle applied in order. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        classes = OrderStatusApplication.class,
        properties = "order-status.demo=true")
@EmbeddedMq(topics = StatusPublisher.TOPIC)
class StatusDemoTest {

    @Autowired
    StatusBoard board;

    @Test
    void theDemoOrdersGoThroughTheirLifecycleInOrder() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String order : StatusDemo.ORDERS) {
                assertThat(board.history(order)).as(order).containsExactlyElementsOf(StatusDemo.LIFECYCLE);
            }
        });
    }
}
