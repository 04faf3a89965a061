package dev.mq.protocol;

import java.util.Objects;

/**
 * A remote call did not produce a response: the connection could not be opened, the request could
 * not be written, no response arrived in time, or the connection closed first. {@link #kind()}
 * tells which, so a caller can retry, fail over or give up deliberately.
 *
 * <p>Unchecked so that it can also complete a {@link java.util.concurrent.CompletableFuture}
 * and pass through functional code unchanged; methods that throw it still declare it.
 * A response with an error code is <em>not</em> a {@code RemotingException}: it is a normal
 * response whose {@link RemotingCommand#code()} the caller inspects.
 */
public final class RemotingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Kind {
        /** The connection to the address could not be established (or the address is not usable). */
        CONNECT_FAILED,
        /** The request could not be written to the connection (including encoding failures). */
        SEND_FAILED,
        /** No response arrived within the call's timeout. */
        TIMEOUT,
        /** The connection, client or server closed before the response arrived. */
        CONNECTION_CLOSED,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED,
        /** A server could not bind its listening address. */
        BIND_FAILED
    }

    private final Kind kind;

    /** Creates the exception. */
    public RemotingException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Creates the exception with its underlying cause. */
    public RemotingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Why the call failed. */
    public Kind kind() {
        return kind;
    }
}
