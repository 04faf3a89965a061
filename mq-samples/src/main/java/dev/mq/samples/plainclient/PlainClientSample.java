package dev.mq.samples.plainclient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.mq.client.MqClient;
import dev.mq.samples.support.MissingTopics;

/**
 * plain-client: the order-service to points-service flow with {@code mq-client} alone, no Spring.
 * Starts a consumer, publishes a few {@code OrderCreated} events, prints each one as it arrives and
 * exits once all have arrived.
 *
 * <pre>{@code
 * java -cp ... dev.mq.samples.plainclient.PlainClientSample [namesrv] [orders]   (127.0.0.1:9876, 3)
 * }</pre>
 */
public final class PlainClientSample {

    private PlainClientSample() {
    }

    /** Runs the flow against {@code args[0]} (default 127.0.0.1:9876) with {@code args[1]} orders (default 3). */
    public static void main(String[] args) throws InterruptedException {
        String namesrv = args.length > 0 ? args[0] : "127.0.0.1:9876";
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> received = run(namesrv, orders, Duration.ofSeconds(60));
        System.out.println("received " + received.size() + " of " + orders + " orders: " + received);
        if (received.size() < orders) {
            System.exit(1);
        }
    }

    /**
     * Publishes {@code orders} events with fresh order ids and waits up to {@code timeout} for the
     * consumer to receive them; returns the order ids received (the keys), in arrival order.
     */
    public static List<String> run(String namesrv, int orders, Duration timeout) throws InterruptedException {
        if (orders < 1) {
            throw new IllegalArgumentException("orders must be at least 1, got " + orders);
        }
        try (MqClient client = MqClient.builder().namesrv(namesrv).build()) {
            // the topic before the consumer: a consumer of a missing topic waits for its next rebalance
            MissingTopics.create(client, List.of(OrderEventProducer.TOPIC));
            return publishAndReceive(client, orders, timeout);
        }
    }

    private static List<String> publishAndReceive(MqClient client, int orders, Duration timeout)
            throws InterruptedException {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> sent = new CopyOnWriteArrayList<>();
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch allReceived = new CountDownLatch(orders);
        try (OrderEventConsumer consumer = new OrderEventConsumer(client, message -> {
                 String orderId = message.keys().isEmpty() ? message.messageId() : message.keys().get(0);
                 System.out.println("received " + orderId + ": " + new String(message.body(), StandardCharsets.UTF_8));
                 // earlier runs' events are in the topic too: count only this run's
                 if (sent.contains(orderId)) {
                     received.add(orderId);
                     allReceived.countDown();
                 }
             });
             OrderEventProducer producer = new OrderEventProducer(client)) {
            for (int i = 1; i <= orders; i++) {
                String orderId = "order-" + run + "-" + i;
                sent.add(orderId);
                System.out.println("sent " + orderId + " as " + producer.publish(orderId, "customer-" + i, i).messageId());
            }
            allReceived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return List.copyOf(received);
        }
    }
}
