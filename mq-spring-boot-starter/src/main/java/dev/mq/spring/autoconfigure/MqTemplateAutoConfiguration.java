package dev.mq.spring.autoconfigure;

import dev.mq.client.MqClient;
import dev.mq.spring.MqTemplate;
import dev.mq.spring.observation.MqSendObservationConvention;
import dev.mq.spring.observation.MqSendObserver;
import dev.mq.spring.support.MqPayloadConverter;
import dev.mq.spring.support.MqProducers;
import dev.mq.spring.support.MqTransactionListenerRegistrar;
import dev.mq.spring.support.OutgoingMessageFactory;
import dev.mq.spring.transaction.TransactionBoundSender;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The send side: {@link MqTemplate}, the producers behind it ({@link MqProducers}), the transactional
 * producers of {@code @MqTransactionListener} beans, and the {@code mq.send} observation (through the
 * application's {@link ObservationRegistry} if it has one).
 *
 * <p>The template is always present. Its producer group is {@code mq.producer.group}, else
 * {@code spring.application.name}; with neither, the application still starts (a template is often
 * injected where nothing is sent, and {@code withProducerGroup} needs no default), and the first send
 * of the default template fails with an {@link IllegalStateException} naming {@code mq.producer.group}.
 */
@AutoConfiguration(after = MqAutoConfiguration.class)
public class MqTemplateAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MqProducers mqProducers(MqClient client, MqProperties properties,
                                   ObjectProvider<MqProducerCustomizer> customizers) {
        return new MqProducers(client, properties.getProducer(), customizers.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    public MqTransactionListenerRegistrar mqTransactionListenerRegistrar(ConfigurableListableBeanFactory beanFactory,
                                                                         MqProducers producers) {
        return new MqTransactionListenerRegistrar(beanFactory, producers);
    }

    @Bean
    @ConditionalOnMissingBean
    public OutgoingMessageFactory mqOutgoingMessageFactory(MqPayloadConverter converter) {
        return new OutgoingMessageFactory(converter);
    }

    @Bean
    @ConditionalOnMissingBean
    public MqSendObserver mqSendObserver(ObjectProvider<ObservationRegistry> registry,
                                         ObjectProvider<MqSendObservationConvention> convention) {
        return new MqSendObserver(registry.getIfAvailable(() -> ObservationRegistry.NOOP), convention.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    public MqTemplate mqTemplate(MqProducers producers, OutgoingMessageFactory messages, MqSendObserver observer,
                                 MqTransactionListenerRegistrar transactions,
                                 ObjectProvider<TransactionBoundSender> transactionBoundSender,
                                 MqProperties properties, Environment environment) {
        return new MqTemplate(producers, messages, observer, transactions, transactionBoundSender,
                defaultProducerGroup(properties, environment));
    }

    /** {@code mq.producer.group}, else {@code spring.application.name}, else null. */
    static String defaultProducerGroup(MqProperties properties, Environment environment) {
        String group = properties.getProducer().getGroup();
        if (group != null && !group.isBlank()) {
            return group;
        }
        String application = environment.getProperty("spring.application.name");
        return application == null || application.isBlank() ? null : application;
    }
}
