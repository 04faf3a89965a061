package dev.mq.samples.ordertimeout;

import java.time.Duration;
import java.util.UUID;

import dev.mq.spring.MqTemplate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Places orders with a payment window and takes their payments. */
@Service
public class PaymentWindow {

    /** The topic of the delayed {@link PaymentDeadline} messages. */
    public static final String DEADLINES = "PaymentDeadlines";

    private final UnpaidOrders orders;
    private final MqTemplate mqTemplate;
    private final Duration window;

    /** A service whose orders must be paid within {@code order-timeout.payment-window}. */
    public PaymentWindow(UnpaidOrders orders, MqTemplate mqTemplate,
                         @Value("${order-timeout.payment-window}") Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("order-timeout.payment-window must be positive, got " + window);
        }
        this.orders = orders;
        this.mqTemplate = mqTemplate;
        this.window = window;
    }

    /**
     * Stores a new order and schedules its deadline: a message delivered after the payment window
     * (a timer message of the broker, to the millisecond), sent only if the order commits.
     */
    @Transactional
    public String place() {
        String id = UUID.randomUUID().toString();
        orders.insertPlaced(id);
        mqTemplate.sendDelayed(DEADLINES, new PaymentDeadline(id), window);
        return id;
    }

    /** Pays an order; false when it was no longer waiting for its payment (already cancelled or paid). */
    public boolean pay(String orderId) {
        return orders.markPaid(orderId);
    }
}
