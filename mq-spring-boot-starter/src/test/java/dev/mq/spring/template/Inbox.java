package dev.mq.spring.template;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.ConsumeResult;
import dev.mq.client.MqClient;
import dev.mq.client.PushConsumer;
import dev.mq.client.ReceivedMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;


/** A plain mq-client push consumer of one topic, from its first message, that keeps what arrives and when. */
final class Inbox implements AutoCloseable {

    private static final AtomicInteger GROUPS = new AtomicInteger();

    private final PushConsumer consumer;
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    private Inbox(MqClient client, String topic) {
        this.consumer = client.pushConsumer("inbox_" + topic + "_" + GROUPS.incrementAndGet())
                .subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .listener(messages -> {
                    Instant now = Instant.now();
                    messages.forEach(message -> arrivals.add(new Arrival(message, now)));
                    return ConsumeResult.SUCCESS;
                })
                .build();
    }

    static Inbox of(MqClient client, String topic) {
        return new Inbox(client, topic);
    }

    /** Waits (at most 30 s) until {@code count} messages arrived and returns them. */
    List<ReceivedMessage> awaitCount(int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> arrivals.size() >= count);
        List<ReceivedMessage> messages = new ArrayList<>();
        arrivals.forEach(arrival -> messages.add(arrival.message()));
        return messages;
    }

    /** Waits for the first message and tells when it arrived. */
    Arrival awaitFirst() {
        awaitCount(1);
        return arrivals.get(0);
    }

    /** What arrived so far. */
    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** A message and when the listener got it. */
    record Arrival(ReceivedMessage message, Instant at) {
    }
}
