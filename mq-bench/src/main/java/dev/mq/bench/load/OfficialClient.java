package dev.mq.bench.load;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --client official}: the official Apache RocketMQ client as the load tool configures it:
 * client defaults except for the name server, the group, an instance name of its own (so producer
 * and consumer of one run do not share a client instance with anything else) and no VIP channel (a
 * second port only Apache's broker opens).
 */
final class OfficialClient implements LoadClient {

    private final LoadOptions options;

    OfficialClient(LoadOptions options) {
        this.options = options;
    }

    @Override
    public Sender sender(String instance) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(options.group());
        producer.setNamesrvAddr(options.namesrv());
        producer.setInstanceName(instance);
        producer.setVipChannelEnabled(false);
        producer.start();
        return new OfficialSender(producer, options.topic());
    }

    @Override
    public Receiver receiver(String instance, int threads, boolean fromFirst, Receiver.Listener listener) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(options.group());
        consumer.setNamesrvAddr(options.namesrv());
        consumer.setInstanceName(instance);
        consumer.setVipChannelEnabled(false);
        consumer.setConsumeFromWhere(fromFirst ? ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET
                : ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.setConsumeThreadMin(threads);
        consumer.setConsumeThreadMax(threads);
        try {
            consumer.subscribe(options.topic(), "*");
        } catch (Exception e) {
            throw new IllegalStateException("cannot subscribe to " + options.topic() + ": " + e, e);
        }
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            listener.delivered(messages.size(), i -> messages.get(i).getBody());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        return new Receiver() {
            @Override
            public void start() throws Exception {
                consumer.start();
            }

            @Override
            public void close() {
                consumer.shutdown();
            }
        };
    }

    @Override
    public String errorKind(Throwable error) {
        return LoadClient.errorKind(error,
                LoadClient.unwrap(error) instanceof MQBrokerException broker ? broker.getResponseCode() : null);
    }

    /** A started {@link DefaultMQProducer}; every send builds a new {@link Message}, as an application does. */
    private record OfficialSender(DefaultMQProducer producer, String topic) implements Sender {

        @Override
        public String send(byte[] body) throws Exception {
            return producer.send(new Message(topic, body)).getSendStatus().name();
        }

        @Override
        public String sendBatch(byte[] body, int count) throws Exception {
            List<Message> batch = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                batch.add(new Message(topic, body));
            }
            return producer.send(batch).getSendStatus().name();
        }

        @Override
        public void sendAsync(byte[] body, Callback callback) {
            try {
                producer.send(new Message(topic, body), new SendCallback() {
                    @Override
                    public void onSuccess(SendResult result) {
                        callback.completed(result.getSendStatus().name());
                    }

                    @Override
                    public void onException(Throwable e) {
                        callback.failed(e);
                    }
                });
            } catch (Exception e) {
                callback.failed(e);
            }
        }

        @Override
        public void sendOneway(byte[] body) throws Exception {
            producer.sendOneway(new Message(topic, body));
        }

        @Override
        public void close() {
            producer.shutdown();
        }
    }
}
