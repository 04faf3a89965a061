package dev.mq.spring.support;

import dev.mq.client.LocalTransactionState;
import dev.mq.spring.MqLocalTransaction;
import dev.mq.spring.TransactionState;
import dev.mq.spring.annotation.MqTransactionListener;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the beans annotated {@link MqTransactionListener} once every singleton exists and registers one
 * transactional producer per producer group with {@link MqProducers}, whose check-backs call the bean's
 * {@link MqLocalTransaction#check}. Stops the start-up, naming the beans, when one does not implement
 * {@link MqLocalTransaction}, names no group, or shares its group with another.
 */
public class MqTransactionListenerRegistrar implements SmartInitializingSingleton {

    private final ConfigurableListableBeanFactory beanFactory;
    private final MqProducers producers;
    private final HalfMessageReader reader = new HalfMessageReader();
    private final Map<String, String> beanByGroup = new LinkedHashMap<>();
    private final Map<String, MqLocalTransaction> transactions = new java.util.concurrent.ConcurrentHashMap<>();

    /** Creates the registrar; it acts in {@link #afterSingletonsInstantiated()}. */
    public MqTransactionListenerRegistrar(ConfigurableListableBeanFactory beanFactory, MqProducers producers) {
        this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory");
        this.producers = Objects.requireNonNull(producers, "producers");
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, MqLocalTransaction> byGroup = new LinkedHashMap<>();
        for (String beanName : beanFactory.getBeanNamesForAnnotation(MqTransactionListener.class)) {
            MqTransactionListener annotation = beanFactory.findAnnotationOnBean(beanName, MqTransactionListener.class);
            String group = resolveGroup(beanName, annotation);
            Object bean = beanFactory.getBean(beanName);
            if (!(bean instanceof MqLocalTransaction transaction)) {
                throw new IllegalStateException("bean '" + beanName + "' is annotated @MqTransactionListener but does"
                        + " not implement " + MqLocalTransaction.class.getName());
            }
            String other = beanByGroup.putIfAbsent(group, beanName);
            if (other != null) {
                throw new IllegalStateException("producer group " + group + " has two @MqTransactionListener beans, '"
                        + other + "' and '" + beanName + "': keep one, or give each its own producer group");
            }
            byGroup.put(group, transaction);
        }
        byGroup.forEach((group, transaction) -> {
            producers.registerTransactional(group, half -> checked(group, transaction.check(reader.read(half))));
            transactions.put(group, transaction);
        });
    }

    /** The local transaction of {@code group}, if an {@code @MqTransactionListener} bean runs its transactions. */
    public java.util.Optional<MqLocalTransaction> localTransaction(String group) {
        return java.util.Optional.ofNullable(transactions.get(group));
    }

    /** The bean of each producer group with a local transaction, by group. */
    public Map<String, String> beanNamesByGroup() {
        return Map.copyOf(beanByGroup);
    }

    private String resolveGroup(String beanName, MqTransactionListener annotation) {
        String group = beanFactory.resolveEmbeddedValue(annotation.producerGroup());
        if (group == null || group.isBlank()) {
            throw new IllegalStateException("@MqTransactionListener of bean '" + beanName + "' names no producer group"
                    + " (producerGroup = \"" + annotation.producerGroup() + "\")");
        }
        return group;
    }

    private static LocalTransactionState checked(String group, TransactionState state) {
        if (state == null) {
            throw new IllegalStateException("the MqLocalTransaction of producer group " + group
                    + " returned null from check(); return COMMIT, ROLLBACK or UNKNOWN");
        }
        return state.toClientState();
    }
}
