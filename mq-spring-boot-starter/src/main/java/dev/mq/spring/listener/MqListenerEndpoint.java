package dev.mq.spring.listener;

import dev.mq.spring.annotation.ConsumeMode;

import java.lang.reflect.Method;
import java.util.Objects;

/**
 * One {@code @MqListener} as the application resolved it (placeholders replaced, defaults applied):
 * what the {@link MqListenerEndpointRegistry} lists and each {@link MqListenerContainerCustomizer} is
 * told.
 *
 * @param id             the listener's id
 * @param group          the consumer group
 * @param topic          the topic
 * @param selector       the tag expression
 * @param mode           clustering or broadcasting
 * @param orderly        whether each queue is processed in order
 * @param concurrency    threads that run the method
 * @param maxRetries     redeliveries after the first failure before the dead-letter queue
 * @param batchSize      messages per invocation
 * @param idempotent     whether duplicates are recognised by key
 * @param idempotencyKey the SpEL expression of the key, or empty for the default
 * @param autoStartup    whether it starts with the application
 * @param beanName       the bean whose method it calls
 * @param method         the method
 */
public record MqListenerEndpoint(String id, String group, String topic, String selector, ConsumeMode mode,
                                 boolean orderly, int concurrency, int maxRetries, int batchSize, boolean idempotent,
                                 String idempotencyKey, boolean autoStartup, String beanName, Method method) {

    public MqListenerEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(beanName, "beanName");
        Objects.requireNonNull(method, "method");
    }

    /** Names the listener for errors and logs: id, bean and method. */
    public String describe() {
        return describe(beanName, method) + " (listener '" + id + "')";
    }

    static String describe(String beanName, Method method) {
        return "bean '" + beanName + "' method " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + "(" + java.util.Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }
}
