package dev.mq.samples.orders;

import java.util.UUID;

import dev.mq.spring.MqHeaders;
import dev.mq.spring.MqTemplate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders: the insert, the event and the check that needs the database run in one Spring
 * transaction, so a refused order leaves neither a row nor a message.
 */
@Service
public class OrderService {

    /** Where {@link OrderCreated} events go: topic {@code Orders}, tag {@code created}. */
    public static final String DESTINATION = "Orders:created";

    private final OrderRepository orders;
    private final MqTemplate mqTemplate;
    private final int maxOrdersPerCustomer;

    /** A service with the limit {@code orders.max-per-customer}. */
    public OrderService(OrderRepository orders, MqTemplate mqTemplate,
                        @Value("${orders.max-per-customer}") int maxOrdersPerCustomer) {
        if (maxOrdersPerCustomer < 1) {
            throw new IllegalArgumentException("orders.max-per-customer must be at least 1, got " + maxOrdersPerCustomer);
        }
        this.orders = orders;
        this.mqTemplate = mqTemplate;
        this.maxOrdersPerCustomer = maxOrdersPerCustomer;
    }

    /**
     * Stores the order and publishes {@link OrderCreated} bound to this transaction. The limit per
     * customer is checked after the insert (it counts the new row): an order over it throws
     * {@link InvalidOrderException}, the transaction rolls back, and the half message is dropped.
     */
    @Transactional
    public OrderCreated place(NewOrder order) {
        String id = UUID.randomUUID().toString();
        orders.insert(id, order);
        OrderCreated event = new OrderCreated(id, order.customerId(), order.item(), order.quantity());
        // the order id as the message key: consumers (points-service) use it as their idempotency key
        mqTemplate.sendInTransaction(DESTINATION, MessageBuilder.withPayload(event).setHeader(MqHeaders.KEYS, id).build());
        int placed = orders.countByCustomer(order.customerId());
        if (placed > maxOrdersPerCustomer) {
            throw new InvalidOrderException("customer " + order.customerId() + " already has " + (placed - 1)
                    + " orders, the limit is " + maxOrdersPerCustomer);
        }
        return event;
    }
}
