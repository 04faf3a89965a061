package dev.mq.samples.points;

/** The order-service event as this service reads it (its own copy of the contract: no shared classes). */
public record OrderCreatedEvent(String orderId, String customerId, String item, int quantity) {
}
