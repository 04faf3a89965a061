package dev.mq.samples.orderstatus;

import dev.mq.spring.annotation.MqListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies status changes with an orderly listener: each queue is consumed one message at a time, in
 * queue order, and a failure is retried in place, holding back the order's later changes.
 */
@Component
public class StatusListener {

    private static final Logger log = LoggerFactory.getLogger(StatusListener.class);

    private final StatusBoard board;

    /** A listener that applies changes to the board. */
    public StatusListener(StatusBoard board) {
        this.board = board;
    }

    /**
     * One change. Not idempotent by key: every change of an order carries the order id, and each one
     * must be applied; a redelivered change after a crash would be applied again (a real service
     * would keep a version per order).
     */
    @MqListener(topic = StatusPublisher.TOPIC, group = "order-status", id = "order-status", orderly = true,
            idempotent = false)
    public void apply(StatusChange change) {
        board.apply(change);
        log.info("order {} is now {}", change.orderId(), change.status());
    }
}
