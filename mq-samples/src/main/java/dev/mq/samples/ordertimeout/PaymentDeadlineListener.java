package dev.mq.samples.ordertimeout;

import java.util.Optional;

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

    /**
     * One order's deadline: cancel it unless it was paid. A deadline of an order the database does not
     * have (the sample's database is in memory: the order was placed before a restart, or its
     * transaction rolled back after the send) is logged and acknowledged: retrying would not help.
     */
    @MqListener(topic = PaymentWindow.DEADLINES, group = "order-timeout", id = "payment-deadlines")
    public void deadline(PaymentDeadline deadline) {
        Optional<OrderStatus> handled = orders.handleDeadline(deadline.orderId());
        if (handled.isEmpty()) {
            log.warn("payment deadline of unknown order {}: ignored", deadline.orderId());
            return;
        }
        OrderStatus status = handled.get();
        log.info("payment deadline of order {}: {}", deadline.orderId(),
                status == OrderStatus.CANCELLED ? "cancelled" : "left alone, it is " + status);
    }
}
