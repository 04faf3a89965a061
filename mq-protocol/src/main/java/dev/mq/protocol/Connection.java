package dev.mq.protocol;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One connection of the remoting transport as request processors and listeners see it: who is at
 * the other end, whether it is still open, and how to call the peer back (a broker checking a
 * transaction or telling consumers their group changed; a client answering its broker).
 *
 * <p>There is exactly one instance per underlying connection, so instances can be compared and used
 * as map keys for as long as the connection lives. Thread-safe.
 */
public interface Connection {

    /** The peer's address, or {@code null} when the transport does not know it. */
    InetSocketAddress remoteAddress();

    /** {@code ip:port} of the peer for logs and admin answers, or {@code "unknown"}. */
    default String remoteAddressText() {
        InetSocketAddress address = remoteAddress();
        if (address == null) {
            return "unknown";
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host + ":" + address.getPort();
    }

    /** Whether the connection is open. */
    boolean isActive();

    /**
     * Sends a request to the peer and returns the future of its response. The request's opaque is
     * overwritten with a fresh one.
     *
     * @return a future failing with {@link RemotingException} of kind TIMEOUT, SEND_FAILED or
     *         CONNECTION_CLOSED
     * @throws IllegalArgumentException if {@code request} is a response or oneway
     */
    CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis);

    /** Sends a oneway request (the flag is set here); nothing comes back, a failure to write is logged. */
    void invokeOneway(RemotingCommand request);

    /** Closes the connection; harmless when already closed. */
    void close();

    /**
     * Where the caller may leave work for after the current read: when called on this connection's
     * I/O thread while it handles inbound requests, an executor that runs a task on that thread
     * once every request of the current read has been handled (so requests that arrived together
     * can share one piece of work, e.g. one write); {@code null} when called from any other thread.
     */
    default Executor afterCurrentRead() {
        return null;
    }
}
