package dev.mq.bench.load;

import java.util.Objects;

/**
 * The options only the spring receiver ({@code --client spring}) reads, validated on construction.
 * The defaults are the test services' ({@code scripts/test-services.sh}).
 *
 * @param idempotency  whether the listener is idempotent, and on which store
 * @param jdbcUrl      the JDBC store's database ({@code --jdbc-url})
 * @param jdbcUser     its user ({@code --jdbc-user})
 * @param jdbcPassword its password ({@code --jdbc-password})
 * @param redisHost    the Redis store's server ({@code --redis-host})
 * @param redisPort    its port ({@code --redis-port})
 */
public record SpringReceiverOptions(
        ListenerIdempotency idempotency,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String redisHost,
        int redisPort) {

    /** The test services' PostgreSQL database. */
    public static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/mq_test";
    /** The test services' PostgreSQL user. */
    public static final String DEFAULT_JDBC_USER = "mq";
    /** The test services' PostgreSQL password. */
    public static final String DEFAULT_JDBC_PASSWORD = "mq";
    /** The test services' redis-server host. */
    public static final String DEFAULT_REDIS_HOST = "127.0.0.1";
    /** The test services' redis-server port. */
    public static final int DEFAULT_REDIS_PORT = 6379;

    /** Validates every field; the messages name the command-line option. */
    public SpringReceiverOptions {
        Objects.requireNonNull(idempotency, "idempotency");
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new LoadOptionsException("--jdbc-url must be a JDBC URL (jdbc:...), got '" + jdbcUrl + "'");
        }
        Objects.requireNonNull(jdbcUser, "jdbcUser");
        Objects.requireNonNull(jdbcPassword, "jdbcPassword");
        if (redisHost == null || redisHost.isBlank()) {
            throw new LoadOptionsException("--redis-host must not be empty");
        }
        if (redisPort < 1 || redisPort > 65535) {
            throw new LoadOptionsException("--redis-port must be between 1 and 65535, got " + redisPort);
        }
    }

    /** The defaults: not idempotent, the test services' databases. */
    public static SpringReceiverOptions defaults() {
        return new SpringReceiverOptions(ListenerIdempotency.NONE, DEFAULT_JDBC_URL, DEFAULT_JDBC_USER,
                DEFAULT_JDBC_PASSWORD, DEFAULT_REDIS_HOST, DEFAULT_REDIS_PORT);
    }
}
