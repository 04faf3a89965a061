package dev.mq.spring.autoconfigure;

import dev.mq.spring.idempotency.IdempotencyStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The {@link IdempotencyStore} that idempotent listeners use, chosen by {@code mq.idempotency.store}:
 * {@code jdbc} (a table in the application's {@code DataSource}), {@code redis} (Spring Data Redis),
 * {@code memory} (this process only), or {@code auto}, the default: JDBC when there is a
 * {@code DataSource} bean, else Redis when there is a {@code StringRedisTemplate} or
 * {@code RedisConnectionFactory} bean, else memory. Choosing {@code jdbc} or {@code redis} without
 * what it needs stops the start with an error that says what is missing. A user's own
 * {@code IdempotencyStore} bean replaces all of them.
 *
 * <p>Runs after Spring Boot's DataSource and Redis auto-configurations, so {@code auto} sees the
 * beans they define.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"})
@EnableConfigurationProperties(MqProperties.class)
// The order matters: each store backs off when one before it was defined.
@Import({IdempotencyStoreConfigurations.Jdbc.class,
        IdempotencyStoreConfigurations.Redis.class,
        IdempotencyStoreConfigurations.InMemory.class,
        IdempotencyStoreConfigurations.MissingLibrary.class})
public class MqIdempotencyAutoConfiguration {
}
