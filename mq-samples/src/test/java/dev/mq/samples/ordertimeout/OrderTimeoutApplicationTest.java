package dev.mq.samples.ordertimeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.mq.test.EmbeddedMq;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Runs order-timeout with a one-second payment window against an embedded server: an unpaid order is
 * cancelled by its deadline message, a paid one is left alone by its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        classes = OrderTimeoutApplication.class,
        properties = "order-timeout.payment-window=1s")
@EmbeddedMq(topics = PaymentWindow.DEADLINES)
class OrderTimeoutApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    PaymentWindow paymentWindow;

    @Autowired
    UnpaidOrders orders;

    @Test
    void cancelsAnUnpaidOrderAfterItsWindowAndLeavesAPaidOneAlone() {
        String unpaid = paymentWindow.place();
        String paid = paymentWindow.place();
        assertThat(paymentWindow.pay(paid)).isTrue();

        await().atMost(WAIT).until(() -> orders.deadlineHandled(unpaid) && orders.deadlineHandled(paid));

        assertThat(orders.status(unpaid)).contains(OrderStatus.CANCELLED);
        assertThat(orders.status(paid)).contains(OrderStatus.PAID);
        assertThat(paymentWindow.pay(unpaid)).as("a cancelled order cannot be paid").isFalse();
    }

    @Test
    void aDeadlineOfAnUnknownOrderChangesNothing() {
        assertThat(orders.handleDeadline("not-an-order")).isEmpty();
        assertThat(orders.status("not-an-order")).isEmpty();
    }
}
