package dev.mq.spring.idempotency;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The real PostgreSQL and redis-server the store tests use, as {@code scripts/test-services.sh}
 * starts them. Other addresses come from system properties or environment variables:
 * {@code mq.test.postgres.url} / {@code MQ_TEST_POSTGRES_URL} (and {@code .user}, {@code .password}),
 * {@code mq.test.redis.host} / {@code MQ_TEST_REDIS_HOST} and {@code mq.test.redis.port} /
 * {@code MQ_TEST_REDIS_PORT}. An unreachable service fails the test: it is never skipped.
 */
public final class TestServices {

    private static final String HOW_TO_START = "start it with `sudo scripts/test-services.sh` from the repository root";

    private TestServices() {
    }

    /** A DataSource on the test PostgreSQL database, checked to answer. */
    public static DataSource postgres() {
        String url = setting("mq.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/mq_test");
        String user = setting("mq.test.postgres.user", "mq");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user,
                setting("mq.test.postgres.password", "mq"));
        dataSource.setDriverClassName("org.postgresql.Driver");
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(5)) {
                throw new SQLException("the connection is not valid");
            }
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + url + " as " + user + ": " + HOW_TO_START
                    + ", or point mq.test.postgres.url / MQ_TEST_POSTGRES_URL at another one", e);
        }
        return dataSource;
    }

    /** The test redis-server's host. */
    public static String redisHost() {
        return setting("mq.test.redis.host", "127.0.0.1");
    }

    /** The test redis-server's port. */
    public static int redisPort() {
        return Integer.parseInt(setting("mq.test.redis.port", "6379"));
    }

    /** A started connection factory on the test redis-server, checked to answer; the caller destroys it. */
    public static LettuceConnectionFactory redis() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(redisHost(), redisPort()));
        factory.afterPropertiesSet();
        factory.start();
        try (var connection = factory.getConnection()) {
            connection.ping();
        } catch (RuntimeException e) {
            factory.destroy();
            throw new AssertionError("redis-server is not reachable at " + redisHost() + ":" + redisPort() + ": "
                    + HOW_TO_START + ", or point mq.test.redis.host / MQ_TEST_REDIS_HOST and mq.test.redis.port / "
                    + "MQ_TEST_REDIS_PORT at another one", e);
        }
        return factory;
    }

    /** The system property, else the environment variable of the same name in upper case with '_', else the default. */
    private static String setting(String property, String defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
