package dev.mq.samples.ordertimeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.mq.test.EmbeddedMq;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The README's order-timeout demo: one order cancelled, the paid one left alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        classes = OrderTimeoutApplication.class,
        properties = {"order-timeout.payment-window=1s", "order-timeout.demo=true"})
@EmbeddedMq(topics = PaymentWindow.DEADLINES)
class TimeoutDemoTest {

    @Autowired
    TimeoutDemo demo;

    @Autowired
    UnpaidOrders orders;

    @Test
    void theDemoCancelsItsUnpaidOrderOnly() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> orders.deadlineHandled(demo.unpaidOrder()) && orders.deadlineHandled(demo.paidOrder()));

        assertThat(orders.status(demo.unpaidOrder())).contains(OrderStatus.CANCELLED);
        assertThat(orders.status(demo.paidOrder())).contains(OrderStatus.PAID);
    }
}
