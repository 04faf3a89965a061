package dev.mq.spring.autoconfigure;

import dev.mq.spring.idempotency.IdempotencyStore;
import dev.mq.spring.idempotency.InMemoryIdempotencyStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The {@link IdempotencyStore} that idempotent listeners use, chosen by {@code mq.idempotency.store}.
 * A user's own {@code IdempotencyStore} bean replaces it.
 */
@AutoConfiguration
@EnableConfigurationProperties(MqProperties.class)
public class MqIdempotencyAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${mq.idempotency.store:auto}' == 'auto' or '${mq.idempotency.store:auto}' == 'memory'")
    static class InMemoryStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean(IdempotencyStore.class)
        InMemoryIdempotencyStore mqIdempotencyStore(MqProperties properties) {
            return new InMemoryIdempotencyStore(properties.getIdempotency().getMemory().getMaxKeys(),
                    Clock.systemUTC());
        }
    }
}
