package dev.mq.samples.plainclient;

import java.util.regex.Pattern;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.SendResult;

/**
 * Publishes {@code OrderCreated} events to {@code Orders:created} with a plain {@link Producer}: the
 * order id is the message key, the body a small JSON object.
 */
public final class OrderEventProducer implements AutoCloseable {

    /** The topic of the events. */
    public static final String TOPIC = "Orders";

    /** The tag of the events. */
    public static final String TAG = "created";

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Producer producer;

    /** A producer of the group {@code plain-client} on {@code client}. */
    public OrderEventProducer(MqClient client) {
        this.producer = client.producer("plain-client").build();
    }

    /** Sends one event and returns once the broker stored it. */
    public SendResult publish(String orderId, String customerId, int quantity) {
        requirePlainId("orderId", orderId);
        requirePlainId("customerId", customerId);
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
        }
        // ids of letters, digits, '_' and '-' need no JSON escaping
        String json = "{\"orderId\":\"" + orderId + "\",\"customerId\":\"" + customerId + "\",\"quantity\":" + quantity + "}";
        return producer.send(Message.builder(TOPIC).tags(TAG).keys(orderId).body(json).build());
    }

    private static void requirePlainId(String name, String value) {
        if (value == null || !PLAIN_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1 to 64 letters, digits, '_' or '-', got " + value);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
