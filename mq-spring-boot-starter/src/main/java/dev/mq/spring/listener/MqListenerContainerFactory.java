package dev.mq.spring.listener;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.MessageModel;
import dev.mq.client.MqClient;
import dev.mq.client.PushConsumer;
import dev.mq.spring.annotation.ConsumeMode;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Makes the container of each {@code @MqListener}: a push consumer of the application's
 * {@link MqClient} with the endpoint's settings, the application's defaults and every
 * {@link MqListenerContainerCustomizer}, whose listener is the endpoint's message handler.
 */
public class MqListenerContainerFactory {

    private final MqClient client;
    private final Defaults defaults;
    private final List<MqListenerContainerCustomizer> customizers;
    private final TopicCheck topicCheck;

    /**
     * @param topicCheck checks each listener's topic when it starts, or null for no check
     */
    public MqListenerContainerFactory(MqClient client, Defaults defaults, List<MqListenerContainerCustomizer> customizers,
                                      TopicCheck topicCheck) {
        this.client = Objects.requireNonNull(client, "client");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.customizers = List.copyOf(customizers);
        this.topicCheck = topicCheck;
    }

    /** The defaults listeners' attributes fall back to. */
    public Defaults defaults() {
        return defaults;
    }

    MqListenerContainer create(MqListenerEndpoint endpoint, ListenerMessageHandler handler) {
        return new MqListenerContainer(endpoint, () -> {
            if (topicCheck != null) {
                topicCheck.check(endpoint);
            }
            PushConsumer.Builder builder = client.pushConsumer(endpoint.group())
                    .subscribe(endpoint.topic(), endpoint.selector())
                    .messageModel(endpoint.mode() == ConsumeMode.BROADCASTING ? MessageModel.BROADCASTING
                            : MessageModel.CLUSTERING)
                    .threads(endpoint.concurrency())
                    .consumeBatchSize(endpoint.batchSize())
                    .maxReconsumeTimes(endpoint.maxRetries())
                    .consumeTimeout(defaults.consumeTimeout())
                    .pullBatchSize(defaults.pullBatchSize())
                    .consumeFrom(defaults.consumeFrom())
                    .shutdownTimeout(defaults.shutdownTimeout());
            customizers.forEach(customizer -> customizer.customize(endpoint, builder));
            if (endpoint.orderly()) {
                builder.orderlyListener(handler);
            } else {
                builder.listener(handler);
            }
            return builder.build();
        });
    }

    /**
     * What listeners get when their annotation leaves a setting open.
     *
     * @param concurrency     threads per listener
     * @param maxRetries      redeliveries after the first failure (for {@code maxRetries = -1})
     * @param consumeTimeout  how long one invocation may run before its message is delivered again
     * @param pullBatchSize   messages per pull
     * @param consumeFrom     where a group without an offset starts
     * @param shutdownTimeout how long a stopping listener waits for running invocations
     * @param autoStartup     whether listeners start with the application
     * @param lease           how long an idempotency claim holds a key
     * @param ttl             how long a processed key is remembered
     */
    public record Defaults(int concurrency, int maxRetries, Duration consumeTimeout, int pullBatchSize,
                           ConsumeFrom consumeFrom, Duration shutdownTimeout, boolean autoStartup, Duration lease,
                           Duration ttl) {
    }
}
