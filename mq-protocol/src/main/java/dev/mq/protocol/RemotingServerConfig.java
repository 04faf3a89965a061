package dev.mq.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RemotingServer}.
 *
 * @param bindAddress    local address to listen on, e.g. {@code 0.0.0.0}
 * @param port           port to listen on; 0 picks a free port (see {@link RemotingServer#port()})
 * @param ioThreads      number of I/O threads; 0 means one per available processor
 * @param maxFrameLength largest accepted value of a frame's length field; larger frames close the connection
 * @param idleTimeout    a connection from which nothing was read for this long is closed;
 *                       {@link Duration#ZERO} disables idle detection
 */
public record RemotingServerConfig(String bindAddress, int port, int ioThreads, int maxFrameLength,
                                   Duration idleTimeout) {

    /** Default idle timeout, as Apache's 120 s channel idle limit. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);

    /** Validates the settings. */
    public RemotingServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be 0 (one per processor) or positive, got " + ioThreads);
        }
        if (maxFrameLength < 4) {
            throw new IllegalArgumentException("maxFrameLength must be at least 4, got " + maxFrameLength);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative, got " + idleTimeout);
        }
    }

    /**
     * Defaults for {@code port}: all interfaces, one I/O thread per processor, 16 MiB frames,
     * 120 s idle timeout.
     */
    public static RemotingServerConfig of(int port) {
        return new RemotingServerConfig("0.0.0.0", port, 0, RemotingCommandCodec.DEFAULT_MAX_FRAME_LENGTH,
                DEFAULT_IDLE_TIMEOUT);
    }

    /** A copy with another idle timeout. */
    public RemotingServerConfig withIdleTimeout(Duration idleTimeout) {
        return new RemotingServerConfig(bindAddress, port, ioThreads, maxFrameLength, idleTimeout);
    }

    /** A copy with another maximum frame length. */
    public RemotingServerConfig withMaxFrameLength(int maxFrameLength) {
        return new RemotingServerConfig(bindAddress, port, ioThreads, maxFrameLength, idleTimeout);
    }

    /** A copy with another number of I/O threads. */
    public RemotingServerConfig withIoThreads(int ioThreads) {
        return new RemotingServerConfig(bindAddress, port, ioThreads, maxFrameLength, idleTimeout);
    }
}
