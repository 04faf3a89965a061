package dev.mq.protocol;

import io.netty.channel.Channel;

/**
 * Observes the connections accepted by a {@link RemotingServer}. Callbacks run on the channel's
 * I/O thread and must return quickly; an exception thrown by a listener is logged and does not
 * affect the connection or other listeners.
 */
public interface ChannelListener {

    /** A connection was accepted and is active. */
    default void onConnected(Channel channel) {
    }

    /** A connection closed (by either side). Called once per connection. */
    default void onClosed(Channel channel) {
    }

    /**
     * Nothing was read from the connection for the server's idle timeout; the server closes it
     * right after this call (and then calls {@link #onClosed}).
     */
    default void onIdle(Channel channel) {
    }
}
