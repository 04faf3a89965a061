package dev.mq.protocol;

/**
 * Observes the connections accepted by a {@link RemotingServer}. Callbacks run on the connection's
 * I/O thread and must return quickly; an exception thrown by a listener is logged and does not
 * affect the connection or other listeners.
 */
public interface ConnectionListener {

    /** A connection was accepted and is active. */
    default void onConnected(Connection connection) {
    }

    /** A connection closed (by either side). Called once per connection. */
    default void onClosed(Connection connection) {
    }

    /**
     * Nothing was read from the connection for the server's idle timeout; the server closes it
     * right after this call (and then calls {@link #onClosed}).
     */
    default void onIdle(Connection connection) {
    }
}
