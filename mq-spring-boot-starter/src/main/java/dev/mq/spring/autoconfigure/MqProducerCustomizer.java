package dev.mq.spring.autoconfigure;

import dev.mq.client.ProducerBuilder;

/**
 * Adjusts each producer the starter makes ({@code MqTemplate}'s, one per producer group, and the
 * transactional producers of {@code @MqTransactionListener} beans) after the {@code mq.producer.*}
 * settings were applied. Every bean of this type is called, in {@code @Order}.
 */
@FunctionalInterface
public interface MqProducerCustomizer {

    /**
     * Customizes a producer builder.
     *
     * @param group   the producer group the builder is for
     * @param builder the builder (a plain or a transactional producer's)
     */
    void customize(String group, ProducerBuilder<?> builder);
}
