package dev.mq.samples.orders;

/** The event published when an order commits. */
public record OrderCreated(String orderId, String customerId, String item, int quantity) {
}
