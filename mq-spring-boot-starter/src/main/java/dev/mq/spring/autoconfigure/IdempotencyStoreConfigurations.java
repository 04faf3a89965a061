package dev.mq.spring.autoconfigure;

import dev.mq.spring.idempotency.IdempotencyStore;
import dev.mq.spring.idempotency.InMemoryIdempotencyStore;
import dev.mq.spring.idempotency.JdbcIdempotencyStore;
import dev.mq.spring.idempotency.RedisIdempotencyStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * One configuration per idempotency store, imported in order by {@link MqIdempotencyAutoConfiguration}.
 */
final class IdempotencyStoreConfigurations {

    static final String STORE = "mq.idempotency.store";

    private static final String JDBC_CLASS = "org.springframework.jdbc.datasource.DataSourceUtils";
    private static final String REDIS_CLASS = "org.springframework.data.redis.core.StringRedisTemplate";

    private IdempotencyStoreConfigurations() {
    }

    /** The JDBC store: chosen explicitly, or by {@code auto} when there is a DataSource bean. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = JDBC_CLASS)
    @Conditional(Jdbc.Chosen.class)
    static class Jdbc {

        @Bean
        @ConditionalOnMissingBean(IdempotencyStore.class)
        JdbcIdempotencyStore mqIdempotencyStore(MqProperties properties, ObjectProvider<DataSource> dataSources) {
            DataSource dataSource = dataSources.getIfUnique();
            if (dataSource == null) {
                throw new IllegalStateException(STORE + "=jdbc needs one DataSource bean (or one marked @Primary), "
                        + "but the application has " + (dataSources.stream().findAny().isPresent() ? "several" : "none")
                        + ": add spring-boot-starter-jdbc and spring.datasource.url, or choose another " + STORE
                        + " (auto, memory, redis)");
            }
            MqProperties.Idempotency.Jdbc jdbc = properties.getIdempotency().getJdbc();
            JdbcIdempotencyStore store = new JdbcIdempotencyStore(dataSource, jdbc.getTableName(),
                    new JdbcIdempotencyStore.Cleanup(jdbc.getCleanupInterval(), jdbc.getCleanupBatchSize()),
                    Clock.systemUTC());
            if ("always".equals(jdbc.getInitializeSchema())) {
                store.createTableIfMissing();
            }
            return store;
        }

        static class Chosen extends AnyNestedCondition {

            Chosen() {
                super(ConfigurationPhase.REGISTER_BEAN);
            }

            @ConditionalOnProperty(name = STORE, havingValue = "jdbc")
            static class Explicitly {
            }

            @ConditionalOnProperty(name = STORE, havingValue = "auto", matchIfMissing = true)
            @ConditionalOnBean(DataSource.class)
            static class ByAutoWithDataSource {
            }
        }
    }

    /** The Redis store: chosen explicitly, or by {@code auto} when there is a Redis bean (and no JDBC store). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = REDIS_CLASS)
    @Conditional(Redis.Chosen.class)
    static class Redis {

        @Bean
        @ConditionalOnMissingBean(IdempotencyStore.class)
        RedisIdempotencyStore mqIdempotencyStore(MqProperties properties,
                ObjectProvider<StringRedisTemplate> templates, ObjectProvider<RedisConnectionFactory> connectionFactories) {
            StringRedisTemplate template = templates.getIfUnique();
            if (template == null) {
                RedisConnectionFactory connectionFactory = connectionFactories.getIfUnique();
                if (connectionFactory == null) {
                    throw new IllegalStateException(STORE + "=redis needs one RedisConnectionFactory or StringRedisTemplate "
                            + "bean, but the application has none or several: add spring-boot-starter-data-redis and "
                            + "spring.data.redis.host, or choose another " + STORE + " (auto, memory, jdbc)");
                }
                template = new StringRedisTemplate(connectionFactory);
            }
            return new RedisIdempotencyStore(template, properties.getIdempotency().getRedis().getKeyPrefix());
        }

        static class Chosen extends AnyNestedCondition {

            Chosen() {
                super(ConfigurationPhase.REGISTER_BEAN);
            }

            @ConditionalOnProperty(name = STORE, havingValue = "redis")
            static class Explicitly {
            }

            @ConditionalOnProperty(name = STORE, havingValue = "auto", matchIfMissing = true)
            @ConditionalOnBean(type = "org.springframework.data.redis.connection.RedisConnectionFactory")
            static class ByAutoWithConnectionFactory {
            }

            @ConditionalOnProperty(name = STORE, havingValue = "auto", matchIfMissing = true)
            @ConditionalOnBean(type = REDIS_CLASS)
            static class ByAutoWithTemplate {
            }
        }
    }

    /** The in-memory store: chosen explicitly, or by {@code auto} when neither store above was defined. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(InMemory.Chosen.class)
    static class InMemory {

        @Bean
        @ConditionalOnMissingBean(IdempotencyStore.class)
        InMemoryIdempotencyStore mqIdempotencyStore(MqProperties properties) {
            return new InMemoryIdempotencyStore(properties.getIdempotency().getMemory().getMaxKeys(), Clock.systemUTC());
        }

        static class Chosen extends AnyNestedCondition {

            Chosen() {
                super(ConfigurationPhase.REGISTER_BEAN);
            }

            @ConditionalOnProperty(name = STORE, havingValue = "memory")
            static class Explicitly {
            }

            @ConditionalOnProperty(name = STORE, havingValue = "auto", matchIfMissing = true)
            static class ByAuto {
            }
        }
    }

    /** Stops the start when the chosen store's library is not on the classpath. */
    @Configuration(proxyBeanMethods = false)
    static class MissingLibrary {

        @Bean
        @ConditionalOnProperty(name = STORE, havingValue = "jdbc")
        @ConditionalOnMissingClass(JDBC_CLASS)
        @ConditionalOnMissingBean(IdempotencyStore.class)
        IdempotencyStore mqIdempotencyStoreWithoutJdbc() {
            throw new IllegalStateException(STORE + "=jdbc needs spring-jdbc on the classpath: add "
                    + "spring-boot-starter-jdbc, or choose another " + STORE + " (auto, memory, redis)");
        }

        @Bean
        @ConditionalOnProperty(name = STORE, havingValue = "redis")
        @ConditionalOnMissingClass(REDIS_CLASS)
        @ConditionalOnMissingBean(IdempotencyStore.class)
        IdempotencyStore mqIdempotencyStoreWithoutRedis() {
            throw new IllegalStateException(STORE + "=redis needs Spring Data Redis on the classpath: add "
                    + "spring-boot-starter-data-redis, or choose another " + STORE + " (auto, memory, jdbc)");
        }
    }
}
