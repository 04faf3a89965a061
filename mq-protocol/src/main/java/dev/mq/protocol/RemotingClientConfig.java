package dev.mq.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RemotingClient}.
 *
 * @param ioThreads      number of I/O threads; 0 means one per available processor
 * @param connectTimeout longest a connection attempt may take
 * @param maxFrameLength largest accepted value of an inbound frame's length field
 */
public record RemotingClientConfig(int ioThreads, Duration connectTimeout, int maxFrameLength) {

    /** Validates the settings. */
    public RemotingClientConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be 0 (one per processor) or positive, got " + ioThreads);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout must be positive and below 24 days, got " + connectTimeout);
        }
        if (maxFrameLength < 4) {
            throw new IllegalArgumentException("maxFrameLength must be at least 4, got " + maxFrameLength);
        }
    }

    /** Defaults: up to 4 I/O threads (one per processor), 3 s connect timeout, 16 MiB frames. */
    public static RemotingClientConfig defaults() {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        return new RemotingClientConfig(threads, Duration.ofSeconds(3), RemotingCommandCodec.DEFAULT_MAX_FRAME_LENGTH);
    }

    /** A copy with another connect timeout. */
    public RemotingClientConfig withConnectTimeout(Duration connectTimeout) {
        return new RemotingClientConfig(ioThreads, connectTimeout, maxFrameLength);
    }
}
