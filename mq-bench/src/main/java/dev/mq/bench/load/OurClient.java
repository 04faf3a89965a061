package dev.mq.bench.load;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.ConsumeResult;
import dev.mq.client.Message;
import dev.mq.client.MqBrokerException;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.PushConsumer;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --client ours}: this project's client ({@code mq-client}) with its defaults except for the
 * name server, the group and an instance name of its own. Each producer and each push consumer gets
 * an {@link MqClient} of its own, as the official client gets an instance of its own, so that the
 * two sides of an e2e run use separate connections with either library.
 */
final class OurClient implements LoadClient {

    private final LoadOptions options;

    OurClient(LoadOptions options) {
        this.options = options;
    }

    private MqClient client(String instance) {
        return MqClient.builder().namesrv(options.namesrv()).instanceName(instance).build();
    }

    @Override
    public Sender sender(String instance) {
        MqClient client = client(instance);
        try {
            return new OurSender(client, client.producer(options.group()).build(), options.topic());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public Receiver receiver(String instance, int threads, boolean fromFirst, Receiver.Listener listener) {
        return new Receiver() {
            private MqClient client;
            private PushConsumer consumer;

            @Override
            public void start() {
                client = client(instance);
                consumer = client.pushConsumer(options.group())
                        .subscribe(options.topic(), "*")
                        .consumeFrom(fromFirst ? ConsumeFrom.FIRST_OFFSET : ConsumeFrom.LAST_OFFSET)
                        .threads(threads)
                        .listener(messages -> {
                            listener.delivered(messages.size(), i -> messages.get(i).body());
                            return ConsumeResult.SUCCESS;
                        })
                        .build();
            }

            @Override
            public void close() {
                if (consumer != null) {
                    consumer.close();
                }
                if (client != null) {
                    client.close();
                }
            }
        };
    }

    @Override
    public String errorKind(Throwable error) {
        return LoadClient.errorKind(error,
                LoadClient.unwrap(error) instanceof MqBrokerException broker ? broker.responseCode() : null);
    }

    /** A producer on a client of its own; every send builds a new {@link Message}, as an application does. */
    private record OurSender(MqClient client, Producer producer, String topic) implements Sender {

        private Message message(byte[] body) {
            return Message.builder(topic).body(body).build();
        }

        @Override
        public String send(byte[] body) {
            return producer.send(message(body)).status().name();
        }

        @Override
        public String sendBatch(byte[] body, int count) {
            List<Message> batch = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                batch.add(message(body));
            }
            // the batch is stored as a whole: every message has the same status
            return producer.sendBatch(batch).get(0).status().name();
        }

        @Override
        public void sendAsync(byte[] body, Callback callback) {
            try {
                producer.sendAsync(message(body)).whenComplete((result, error) -> {
                    if (error != null) {
                        callback.failed(error);
                    } else {
                        callback.completed(result.status().name());
                    }
                });
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        }

        @Override
        public void sendOneway(byte[] body) {
            producer.sendOneway(message(body));
        }

        @Override
        public void close() {
            producer.close();
            client.close();
        }
    }
}
