package dev.mq.spring.autoconfigure;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.MqClient;
import dev.mq.spring.listener.ListenerTransactions;
import dev.mq.spring.listener.MqListenerAnnotationBeanPostProcessor;
import dev.mq.spring.listener.MqListenerContainerCustomizer;
import dev.mq.spring.listener.MqListenerContainerFactory;
import dev.mq.spring.listener.MqListenerEndpointRegistry;
import dev.mq.spring.listener.SpringListenerTransactions;
import dev.mq.spring.listener.TopicCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The receive side: {@code @MqListener} and {@code @MqDlqHandler} methods found on every bean, one
 * push consumer per listener in the {@link MqListenerEndpointRegistry}, started after the context is
 * refreshed and stopped gracefully when it closes.
 */
@AutoConfiguration(after = {MqAutoConfiguration.class, MqIdempotencyAutoConfiguration.class})
@EnableConfigurationProperties(MqProperties.class)
public class MqListenerAutoConfiguration {

    /** Static: a bean post-processor is made before other beans, without this configuration's instance. */
    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static MqListenerAnnotationBeanPostProcessor mqListenerAnnotationBeanPostProcessor() {
        return new MqListenerAnnotationBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    MqListenerEndpointRegistry mqListenerEndpointRegistry() {
        return new MqListenerEndpointRegistry();
    }

    @Bean
    @ConditionalOnMissingBean
    MqListenerContainerFactory mqListenerContainerFactory(MqClient client, MqProperties properties,
                                                          ObjectProvider<MqListenerContainerCustomizer> customizers) {
        MqProperties.Consumer consumer = properties.getConsumer();
        MqProperties.Idempotency idempotency = properties.getIdempotency();
        MqListenerContainerFactory.Defaults defaults = new MqListenerContainerFactory.Defaults(
                consumer.getConcurrency(), consumer.getMaxRetries(), consumer.getConsumeTimeout(),
                consumer.getPullBatchSize(), ConsumeFrom.valueOf(consumer.getConsumeFrom()),
                consumer.getShutdownTimeout(), properties.getListener().isAutoStartup(), idempotency.getLease(),
                idempotency.getTtl());
        return new MqListenerContainerFactory(client, defaults, customizers.orderedStream().toList(),
                properties.getListener().isCheckTopics() ? new TopicCheck(client) : null);
    }

    /**
     * Listener calls on virtual threads when the application asks for them
     * ({@code spring.threads.virtual.enabled=true}, Java 21 or newer); still at most the listener's
     * concurrency at once.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnThreading(Threading.VIRTUAL)
    static class VirtualThreads {

        @Bean
        @ConditionalOnMissingBean(name = "mqVirtualThreadsCustomizer")
        MqListenerContainerCustomizer mqVirtualThreadsCustomizer() {
            VirtualThreadTaskExecutor threads = new VirtualThreadTaskExecutor("mq-listener-");
            return (endpoint, builder) -> builder.consumeThreadFactory(threads.getVirtualThreadFactory());
        }
    }

    /** Idempotency claims completed in the listener's transaction, when Spring transactions are present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(PlatformTransactionManager.class)
    static class Transactions {

        @Bean
        @ConditionalOnMissingBean
        ListenerTransactions mqListenerTransactions(ObjectProvider<PlatformTransactionManager> transactionManager) {
            return new SpringListenerTransactions(transactionManager);
        }
    }
}
