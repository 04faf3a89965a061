package dev.mq.spring.autoconfigure;

import dev.mq.client.MqClient;
import dev.mq.spring.health.MqHealthIndicator;
import dev.mq.spring.listener.MqListenerEndpointRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code mq} health indicator ({@link MqHealthIndicator}): name server reachable, listeners
 * running. Present when Spring Boot's health support ({@code spring-boot-health}) is on the
 * classpath and {@code management.health.mq.enabled} (else {@code management.health.defaults.enabled})
 * is not {@code false}; a bean of the application named {@code mqHealthIndicator} replaces it.
 */
@AutoConfiguration(after = {MqAutoConfiguration.class, MqListenerAutoConfiguration.class})
@ConditionalOnClass(name = MqHealthAutoConfiguration.HEALTH_INDICATOR_CLASS)
@ConditionalOnBean(MqClient.class)
@EnableConfigurationProperties(MqProperties.class)
public class MqHealthAutoConfiguration {

    static final String HEALTH_INDICATOR_CLASS = "org.springframework.boot.health.contributor.AbstractHealthIndicator";

    /**
     * Nested so that the health module's own condition is only read once the class condition above
     * has found that module: without it, reading the condition's class would fail the start.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("mq")
    static class Indicator {

        @Bean
        @ConditionalOnMissingBean(name = "mqHealthIndicator")
        MqHealthIndicator mqHealthIndicator(MqClient client, MqProperties properties,
                                            ObjectProvider<MqListenerEndpointRegistry> registry) {
            return new MqHealthIndicator(client, properties.getNamesrv(), properties.getHealth().getTimeout(),
                    registry.getIfUnique());
        }
    }
}
