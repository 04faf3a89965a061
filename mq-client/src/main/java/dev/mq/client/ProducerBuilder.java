package dev.mq.client;

import dev.mq.client.internal.producer.ProducerSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings every producer builder shares, with the official client's defaults. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by each setter so calls chain
 */
public abstract class ProducerBuilder<B extends ProducerBuilder<B>> {

    private final String group;
    private Duration sendTimeout = Duration.ofSeconds(3);
    private int retries = 2;
    private int compressBodiesOver = 4 * 1024;
    private int compressionLevel = 5;
    private boolean faultAvoidance = true;

    ProducerBuilder(String group) {
        this.group = group;
    }

    /** This builder, typed as the concrete builder. */
    abstract B self();

    /** How long one send may take, retries included (default 3 s). */
    public B sendTimeout(Duration timeout) {
        this.sendTimeout = timeout;
        return self();
    }

    /** Further attempts after a failed one, on another broker when there is one (default 2). */
    public B retries(int retries) {
        this.retries = retries;
        return self();
    }

    /** Compresses bodies of at least this many bytes with zlib (default 4096). */
    public B compressBodiesOver(int bytes) {
        this.compressBodiesOver = bytes;
        return self();
    }

    /** The zlib compression level, 0-9 (default 5). */
    public B compressionLevel(int level) {
        this.compressionLevel = level;
        return self();
    }

    /**
     * Whether brokers that failed or answered slowly are avoided for a while (default true; the
     * official client's {@code sendLatencyFaultEnable}).
     */
    public B faultAvoidance(boolean enabled) {
        this.faultAvoidance = enabled;
        return self();
    }

    /** The settings as they stand, validated. */
    ProducerSettings settings() {
        return new ProducerSettings(group, Objects.requireNonNull(sendTimeout, "sendTimeout"), retries,
                compressBodiesOver, compressionLevel, faultAvoidance);
    }
}
