package dev.mq.protocol;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests an endpoint has sent and still waits for, by opaque. Assigns opaques from its own
 * counter, completes a request when its response arrives, and fails it on timeout (scheduled on
 * the channel's event loop), on a failed write or when its channel closes. Every way out removes
 * the entry.
 *
 * <p>A request sent with {@code retainsBody} gets the body of its response as a retained slice of
 * the received frame ({@link #retainsBody}); a response that nobody takes (its request is gone, or
 * its future was already completed) has that slice released here.
 */
final class PendingRequests {

    private static final System.Logger LOG = System.getLogger(PendingRequests.class.getName());

    /** One request waiting for its response. */
    private final class Pending {
        final Channel channel;
        final int code;
        final boolean retainsBody;
        final CompletableFuture<RemotingCommand> future = new CompletableFuture<>();
        int opaque;
        volatile ScheduledFuture<?> timeout;

        Pending(Channel channel, int code, boolean retainsBody) {
            this.channel = channel;
            this.code = code;
            this.retainsBody = retainsBody;
        }

        /**
         * Forgets this entry, then completes its future: whoever sees the result sees the entry gone.
         * A response the future no longer takes (it timed out or was cancelled) has its body released.
         */
        void finish(RemotingCommand response, Throwable error) {
            forget();
            if (error != null) {
                future.completeExceptionally(error);
            } else if (!future.complete(response)) {
                response.releaseBodyBuffer();
            }
        }

        void forget() {
            pending.remove(opaque, this);
            ScheduledFuture<?> scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }

    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextOpaque = new AtomicInteger();

    /** Number of requests waiting for a response. */
    int size() {
        return pending.size();
    }

    /**
     * Sends {@code request} on {@code channel} with a fresh opaque and returns the future of its
     * response, which fails with a {@link RemotingException} of kind TIMEOUT, SEND_FAILED or
     * CONNECTION_CLOSED.
     *
     * @param retainsBody whether the response's body stays in the received frame (a retained body
     *                    buffer the future's consumer must release) instead of being copied
     */
    CompletableFuture<RemotingCommand> send(Channel channel, RemotingCommand request, long timeoutMillis,
                                            boolean retainsBody) {
        checkRequest(request);
        if (request.isOneway()) {
            request.releaseBodyBuffer();
            throw new IllegalArgumentException("a oneway request gets no response; use invokeOneway: " + request);
        }
        if (timeoutMillis <= 0) {
            request.releaseBodyBuffer();
            return CompletableFuture.failedFuture(new RemotingException(RemotingException.Kind.TIMEOUT,
                    "no time left to send request code " + request.code() + " to " + channel.remoteAddress()));
        }
        Pending entry = new Pending(channel, request.code(), retainsBody);
        int opaque = register(entry);
        request.setOpaque(opaque);
        // also covers a caller cancelling the future
        entry.future.whenComplete((response, error) -> entry.forget());
        try {
            entry.timeout = channel.eventLoop().schedule(() -> entry.finish(null,
                    new RemotingException(RemotingException.Kind.TIMEOUT, "no response to request code "
                            + entry.code + " (opaque " + opaque + ") from " + channel.remoteAddress()
                            + " within " + timeoutMillis + " ms")), timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            request.releaseBodyBuffer();
            entry.finish(null, new RemotingException(RemotingException.Kind.CONNECTION_CLOSED,
                    "connection to " + channel.remoteAddress() + " is shutting down", e));
            return entry.future;
        }
        if (entry.future.isDone()) {
            // a very short timeout already fired: do not send a request nobody waits for
            request.releaseBodyBuffer();
            return entry.future;
        }
        channel.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                request.releaseBodyBuffer();
                entry.finish(null, new RemotingException(RemotingException.Kind.SEND_FAILED,
                        "cannot send request code " + entry.code + " to " + channel.remoteAddress() + ": "
                                + written.cause(), written.cause()));
            }
        });
        return entry.future;
    }

    /** Sends {@code request} as a oneway request with a fresh opaque; a write failure is logged. */
    void sendOneway(Channel channel, RemotingCommand request) {
        checkRequest(request);
        request.markOneway();
        request.setOpaque(nextOpaque.getAndIncrement());
        channel.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                request.releaseBodyBuffer();
                LOG.log(Level.WARNING, "cannot send oneway request code {0} to {1}: {2}",
                        request.code(), channel.remoteAddress(), written.cause());
            }
        });
    }

    private static void checkRequest(RemotingCommand request) {
        if (request.isResponse()) {
            request.releaseBodyBuffer();
            throw new IllegalArgumentException("cannot invoke with a response: " + request);
        }
    }

    private int register(Pending entry) {
        while (true) {
            int opaque = nextOpaque.getAndIncrement();
            entry.opaque = opaque;
            if (pending.putIfAbsent(opaque, entry) == null) {
                return opaque;
            }
        }
    }

    /**
     * Whether the response with {@code opaque} arriving on {@code channel} answers a request sent
     * with {@code retainsBody}, so that its body should stay in the received frame.
     */
    boolean retainsBody(Channel channel, int opaque) {
        Pending entry = pending.get(opaque);
        return entry != null && entry.channel == channel && entry.retainsBody;
    }

    /** Completes the request {@code response} answers; logs and drops a response nobody waits for. */
    void complete(Channel channel, RemotingCommand response) {
        Pending entry = pending.get(response.opaque());
        if (entry == null || entry.channel != channel) {
            response.releaseBodyBuffer();
            LOG.log(Level.WARNING, "dropping response from {0} with unknown opaque {1} (code {2}); "
                    + "its request may have timed out", channel.remoteAddress(), response.opaque(), response.code());
            return;
        }
        entry.finish(response, null);
    }

    /** Fails every request sent on {@code channel}: it closed. Completion removes the entries. */
    void failChannel(Channel channel) {
        for (Pending entry : pending.values()) {
            if (entry.channel == channel) {
                entry.finish(null, new RemotingException(RemotingException.Kind.CONNECTION_CLOSED,
                        "connection to " + channel.remoteAddress() + " closed before the response to request code "
                                + entry.code + " arrived"));
            }
        }
    }

    /** Fails every pending request: the endpoint is closing. Completion removes the entries. */
    void failAll(String reason) {
        for (Pending entry : pending.values()) {
            entry.finish(null, new RemotingException(RemotingException.Kind.CONNECTION_CLOSED,
                    reason + " before the response to request code " + entry.code + " from "
                            + entry.channel.remoteAddress() + " arrived"));
        }
    }
}
