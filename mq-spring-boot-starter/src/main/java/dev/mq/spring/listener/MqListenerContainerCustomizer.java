package dev.mq.spring.listener;

import dev.mq.client.PushConsumer;

/**
 * Adjusts the push consumer of each {@code @MqListener} before it is built, after the annotation's and
 * the {@code mq.consumer.*} settings are applied (and before the starter sets the listener itself).
 * Every such bean is called for every endpoint, in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface MqListenerContainerCustomizer {

    void customize(MqListenerEndpoint endpoint, PushConsumer.Builder builder);
}
