package dev.mq.spring.autoconfigure;

import dev.mq.client.MqClient;

/**
 * Adjusts the {@link MqClient} the starter builds, after the {@code mq.*} properties are applied.
 * Every such bean is called, in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface MqClientCustomizer {

    void customize(MqClient.Builder builder);
}
