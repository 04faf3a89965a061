package dev.mq.samples.plainclient;

import java.util.Objects;
import java.util.function.Consumer;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.ConsumeResult;
import dev.mq.client.MqClient;
import dev.mq.client.PushConsumer;
import dev.mq.client.ReceivedMessage;

/**
 * Consumes {@code Orders:created} with a plain {@link PushConsumer} of the group {@code plain-client}:
 * each message is handed to the handler; a handler that throws has the message delivered again later.
 */
public final class OrderEventConsumer implements AutoCloseable {

    private final PushConsumer consumer;

    /** Starts consuming; a new group starts at the first message still stored. */
    public OrderEventConsumer(MqClient client, Consumer<ReceivedMessage> handler) {
        Objects.requireNonNull(handler, "handler");
        this.consumer = client.pushConsumer("plain-client")
                .subscribe(OrderEventProducer.TOPIC, OrderEventProducer.TAG)
                .consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .listener(messages -> {
                    messages.forEach(handler);
                    return ConsumeResult.SUCCESS;
                })
                .build();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
