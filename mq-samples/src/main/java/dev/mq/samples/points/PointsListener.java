package dev.mq.samples.points;

import dev.mq.spring.annotation.MqListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credits {@code points.per-item} points per ordered item. The listener is idempotent (the
 * starter's default): its key is the message's first key, the order id order-service puts there, so
 * a redelivered or duplicated event is acknowledged without crediting again. With the JDBC
 * idempotency store (chosen because the application has a DataSource) and {@code @Transactional},
 * the credit and the "processed" mark of the key commit together.
 */
@Component
public class PointsListener {

    private static final Logger log = LoggerFactory.getLogger(PointsListener.class);

    private final PointsLedger ledger;
    private final long pointsPerItem;

    /** A listener crediting {@code points.per-item} points per item. */
    public PointsListener(PointsLedger ledger, @Value("${points.per-item}") long pointsPerItem) {
        if (pointsPerItem < 1) {
            throw new IllegalArgumentException("points.per-item must be at least 1, got " + pointsPerItem);
        }
        this.ledger = ledger;
        this.pointsPerItem = pointsPerItem;
    }

    /** Credits the customer of one order. */
    @MqListener(topic = "Orders", group = "points-service", selector = "created", id = "points")
    @Transactional
    public void credit(OrderCreatedEvent order) {
        long points = pointsPerItem * order.quantity();
        ledger.credit(order.customerId(), order.orderId(), points);
        log.info("credited {} points to {} for order {}", points, order.customerId(), order.orderId());
    }
}
