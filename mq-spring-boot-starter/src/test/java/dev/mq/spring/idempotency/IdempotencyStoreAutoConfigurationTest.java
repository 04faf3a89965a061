package dev.mq.spring.idempotency;

import dev.mq.spring.autoconfigure.MqIdempotencyAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code mq.idempotency.store} picks the store, and the start-up errors when the choice cannot be met. */
class IdempotencyStoreAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MqIdempotencyAutoConfiguration.class));

    private static DataSource h2() {
        return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
    }

    private ApplicationContextRunner withH2() {
        return runner.withBean(DataSource.class, IdempotencyStoreAutoConfigurationTest::h2);
    }

    private ApplicationContextRunner withRedis() {
        return runner.withBean(RedisConnectionFactory.class, TestServices::redis);
    }

    @Test
    void autoPicksJdbcForADataSourceAndCreatesItsTable() {
        withH2().run(context -> {
            assertThat(context).hasSingleBean(JdbcIdempotencyStore.class);
            IdempotencyStore store = context.getBean(IdempotencyStore.class);
            store.complete(store.claim("g", "k", Duration.ofMinutes(1)), Duration.ofHours(1));
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                    .queryForObject("SELECT COUNT(*) FROM mq_idempotency WHERE status = 'PROCESSED'", Integer.class))
                    .isEqualTo(1);
        });
    }

    @Test
    void autoPrefersJdbcOverRedis() {
        withH2().withBean(RedisConnectionFactory.class, TestServices::redis)
                .run(context -> assertThat(context.getBean(IdempotencyStore.class)).isInstanceOf(JdbcIdempotencyStore.class));
    }

    @Test
    void usesTheConfiguredTableAndLeavesTheSchemaAloneWhenAskedTo() {
        withH2().withPropertyValues("mq.idempotency.jdbc.table-name=consumed_keys").run(context -> {
            context.getBean(IdempotencyStore.class).claim("g", "k", Duration.ofMinutes(1));
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                    .queryForObject("SELECT COUNT(*) FROM consumed_keys", Integer.class)).isEqualTo(1);
        });
        withH2().withPropertyValues("mq.idempotency.jdbc.initialize-schema=never").run(context -> {
            assertThat(context).hasSingleBean(JdbcIdempotencyStore.class);
            assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'MQ_IDEMPOTENCY'",
                    Integer.class)).isZero();
        });
    }

    @Test
    void autoPicksRedisForARedisConnectionFactoryWithoutADataSource() {
        String prefix = "mq:test:" + UUID.randomUUID() + ":";
        withRedis().withPropertyValues("mq.idempotency.redis.key-prefix=" + prefix).run(context -> {
            assertThat(context).hasSingleBean(RedisIdempotencyStore.class);
            IdempotencyStore store = context.getBean(IdempotencyStore.class);
            Claim claim = store.claim("g", "k", Duration.ofMinutes(1));
            StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
            assertThat(redis.opsForValue().get(prefix + "g:k")).isEqualTo("claimed:" + claim.token());
            store.release(claim);
            assertThat(redis.hasKey(prefix + "g:k")).isFalse();
        });
    }

    @Test
    void autoPicksRedisForAStringRedisTemplate() {
        runner.withBean(StringRedisTemplate.class, () -> new StringRedisTemplate(TestServices.redis()))
                .run(context -> assertThat(context).hasSingleBean(RedisIdempotencyStore.class));
    }

    @Test
    void autoPicksMemoryWhenThereIsNeitherADataSourceNorRedis() {
        runner.run(context -> assertThat(context.getBean(IdempotencyStore.class))
                .isInstanceOf(InMemoryIdempotencyStore.class));
        runner.withClassLoader(new FilteredClassLoader("org.springframework.jdbc", "org.springframework.data.redis"))
                .run(context -> assertThat(context.getBean(IdempotencyStore.class))
                        .isInstanceOf(InMemoryIdempotencyStore.class));
    }

    @Test
    void anExplicitChoiceWinsOverWhatAutoWouldPick() {
        withH2().withPropertyValues("mq.idempotency.store=memory")
                .run(context -> assertThat(context).hasSingleBean(InMemoryIdempotencyStore.class)
                        .doesNotHaveBean(JdbcIdempotencyStore.class));
        withH2().withBean(RedisConnectionFactory.class, TestServices::redis)
                .withPropertyValues("mq.idempotency.store=redis")
                .run(context -> assertThat(context).hasSingleBean(RedisIdempotencyStore.class)
                        .doesNotHaveBean(JdbcIdempotencyStore.class));
    }

    @Test
    void jdbcWithoutADataSourceStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("mq.idempotency.store=jdbc").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("mq.idempotency.store=jdbc needs one DataSource bean")
                .hasStackTraceContaining("has none"));
        runner.withPropertyValues("mq.idempotency.store=jdbc")
                .withClassLoader(new FilteredClassLoader("org.springframework.jdbc"))
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().hasStackTraceContaining("mq.idempotency.store=jdbc needs spring-jdbc"));
    }

    @Test
    void redisWithoutRedisStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("mq.idempotency.store=redis").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("mq.idempotency.store=redis needs one RedisConnectionFactory"));
        runner.withPropertyValues("mq.idempotency.store=redis")
                .withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().hasStackTraceContaining("mq.idempotency.store=redis needs Spring Data Redis"));
    }

    @Test
    void theApplicationsOwnStoreReplacesEveryChoice() {
        IdempotencyStore own = new InMemoryIdempotencyStore(10, Clock.systemUTC());
        for (String choice : new String[] {"auto", "memory", "jdbc", "redis"}) {
            runner.withBean("ownStore", IdempotencyStore.class, () -> own)
                    .withPropertyValues("mq.idempotency.store=" + choice)
                    .run(context -> assertThat(context.getBean(IdempotencyStore.class)).isSameAs(own));
        }
        withH2().withBean("ownStore", IdempotencyStore.class, () -> own)
                .run(context -> assertThat(context.getBean(IdempotencyStore.class)).isSameAs(own));
    }

    @Test
    void badStoreSettingsStopTheStartNamingTheProperty() {
        withH2().withPropertyValues("mq.idempotency.jdbc.table-name=drop table;")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("idempotency.jdbc.tableName"));
        withH2().withPropertyValues("mq.idempotency.jdbc.cleanup-batch-size=0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("idempotency.jdbc.cleanupBatchSize"));
    }

    @Test
    void seesTheBeansOfSpringBootsOwnDataSourceAndRedisAutoConfigurations() {
        ApplicationContextRunner boot = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                MqIdempotencyAutoConfiguration.class, DataSourceAutoConfiguration.class, DataRedisAutoConfiguration.class))
                .withPropertyValues("spring.data.redis.host=" + TestServices.redisHost(),
                        "spring.data.redis.port=" + TestServices.redisPort());
        boot.run(context -> assertThat(context).hasSingleBean(JdbcIdempotencyStore.class));
        boot.withClassLoader(new FilteredClassLoader("org.springframework.jdbc", "org.h2"))
                .run(context -> assertThat(context).hasSingleBean(RedisIdempotencyStore.class));
    }
}
