package dev.mq.samples.ordertimeout;

import dev.mq.spring.annotation.MqListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Cancels the orders whose payment deadline arrives before their payment. */
@Component
public class PaymentDeadlineListener {

    private static final Logger log = LoggerFactory.getLogger(PaymentDeadlineListener.class);

    private final UnpaidOrders orders;

    /** A listener over the orders table. */
    public PaymentDeadlineListener(UnpaidOrders orders) {
        this.orders = orders;
    }

    /** One order's deadline: cancel it unless it was paid. */
    @MqListener(topic = PaymentWindow.DEADLINES, group = "order-timeout", id = "payment-deadlines")
    public void deadline(PaymentDeadline deadline) {
        OrderStatus status = orders.handleDeadline(deadline.orderId());
        log.info("payment deadline of order {}: {}", deadline.orderId(),
                status == OrderStatus.CANCELLED ? "cancelled" : "left alone, it is " + status);
    }
}
