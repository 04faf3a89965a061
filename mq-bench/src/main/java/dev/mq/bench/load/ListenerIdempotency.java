package dev.mq.bench.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the spring receiver's {@code @MqListener} is idempotent, and on which store
 * ({@code --idempotency}): the starter's {@code mq.idempotency.store}.
 */
public enum ListenerIdempotency {
    /** {@code idempotent = false}: every delivery goes straight to the method. */
    NONE,
    /** The in-memory store (this process only). */
    MEMORY,
    /** The JDBC store on PostgreSQL ({@code --jdbc-url}), through a HikariCP pool. */
    JDBC,
    /** The Redis store ({@code --redis-host}, {@code --redis-port}), through Lettuce. */
    REDIS,
    /**
     * No store: {@link FloorIdempotencyStore}, the least memory work an in-memory store must do, the
     * ceiling of {@link #MEMORY}.
     */
    FLOOR;

    /** The name on the command line and in results. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice with this command-line name, if any. */
    public static Optional<ListenerIdempotency> fromCliName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName().equals(name)).findFirst();
    }
}
