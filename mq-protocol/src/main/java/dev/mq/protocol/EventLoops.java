package dev.mq.protocol;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/** Creation and bounded shutdown of the NIO event loop groups of servers and clients. */
final class EventLoops {

    private static final System.Logger LOG = System.getLogger(EventLoops.class.getName());

    /** Longest a graceful shutdown may take before it is given up on. */
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private EventLoops() {
    }

    /** A NIO group of {@code threads} threads (0: one per available processor) named {@code prefix-N}. */
    static EventLoopGroup create(int threads, String prefix, boolean daemon) {
        int count = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return new MultiThreadIoEventLoopGroup(count, new DefaultThreadFactory(prefix, daemon), NioIoHandler.newFactory());
    }

    /** Shuts {@code group} down without a quiet period and waits (bounded) for its threads to end. */
    static void shutdown(EventLoopGroup group) {
        if (group == null) {
            return;
        }
        boolean terminated = group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS + 1_000);
        if (!terminated) {
            LOG.log(Level.WARNING, "event loop group did not terminate within {0} ms", SHUTDOWN_TIMEOUT_MILLIS);
        }
    }
}
