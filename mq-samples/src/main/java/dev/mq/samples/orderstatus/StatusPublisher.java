package dev.mq.samples.orderstatus;

import dev.mq.spring.MqTemplate;

import org.springframework.stereotype.Service;

/** Publishes status changes: one order's changes share a queue (sharding key = order id), so they stay in order. */
@Service
public class StatusPublisher {

    /** The topic of the status changes. */
    public static final String TOPIC = "OrderStatus";

    private final MqTemplate mqTemplate;

    /** A publisher through the application's template. */
    public StatusPublisher(MqTemplate mqTemplate) {
        this.mqTemplate = mqTemplate;
    }

    /** Sends one change, synchronously: the next change of the order is sent after this one is stored. */
    public void publish(String orderId, String status) {
        mqTemplate.sendOrderly(TOPIC, new StatusChange(orderId, status), orderId);
    }
}
