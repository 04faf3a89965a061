package dev.mq.client.internal;

import dev.mq.client.MqBrokerException;
import dev.mq.client.MqClientException;
import dev.mq.client.MqException;
import dev.mq.client.MqTimeoutException;
import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingException;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.CommandHeader;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls brokers and name servers with typed headers, and turns transport failures and error answers
 * into this client's exceptions ({@link MqTimeoutException}, {@link MqClientException},
 * {@link MqBrokerException}) with messages that say what was asked of whom.
 *
 * <p>Futures returned here complete on network I/O threads: continue with non-blocking work only,
 * or hop to {@link ClientCore#callbackExecutor()}. Thread-safe.
 */
public final class Invoker {

    private final RemotingClient remoting;
    private final List<String> namesrvAddresses;
    private final Duration defaultTimeout;
    private final AtomicInteger currentNamesrv = new AtomicInteger();

    Invoker(RemotingClient remoting, List<String> namesrvAddresses, Duration defaultTimeout) {
        this.remoting = remoting;
        this.namesrvAddresses = List.copyOf(namesrvAddresses);
        this.defaultTimeout = defaultTimeout;
    }

    /** A request with this code, header (may be null) and body (may be null). */
    public static RemotingCommand request(int code, CommandHeader header, byte[] body) {
        RemotingCommand request = RemotingCommand.request(code);
        if (header != null) {
            header.writeTo(request);
        }
        return request.setBody(body);
    }

    /** The client's request timeout, for calls other than sends. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** The transport, for what this class does not cover (e.g. a send header written with {@code writeV2To}). */
    public RemotingClient remoting() {
        return remoting;
    }

    /**
     * Sends a request to {@code address} and returns the future of its answer, whatever its code; the
     * future fails with an {@link MqException} when no answer arrives.
     *
     * @param what what the request is for, in words, for error messages ("route lookup of topic T")
     */
    public CompletableFuture<RemotingCommand> invoke(String address, RemotingCommand request, Duration timeout,
                                                     String what) {
        return remoting.invokeAsync(address, request, timeout.toMillis()).handle((response, error) -> {
            if (error != null) {
                throw new CompletionException(translate(unwrap(error), what, address, timeout));
            }
            return response;
        });
    }

    /**
     * Sends a request as {@link #invoke} does, but the answer's body stays in the received frame
     * ({@link RemotingClient#invokeAsyncRetainingBody}): read it with {@link RemotingCommand#bodyView()},
     * and release it with {@link RemotingCommand#releaseBodyBuffer()} on every path once done, or the
     * frame's memory is never returned.
     */
    public CompletableFuture<RemotingCommand> invokeRetainingBody(String address, RemotingCommand request,
                                                                  Duration timeout, String what) {
        return remoting.invokeAsyncRetainingBody(address, request, timeout.toMillis()).handle((response, error) -> {
            if (error != null) {
                throw new CompletionException(translate(unwrap(error), what, address, timeout));
            }
            return response;
        });
    }

    /**
     * Sends a request and waits for its answer, whatever its code.
     *
     * @throws MqException when no answer arrives
     */
    public RemotingCommand invokeSync(String address, RemotingCommand request, Duration timeout, String what) {
        try {
            return remoting.invokeSync(address, request, timeout.toMillis());
        } catch (RemotingException e) {
            throw translate(e, what, address, timeout);
        }
    }

    /**
     * Sends a request, waits for its answer and insists on SUCCESS.
     *
     * @throws MqBrokerException for any other code
     * @throws MqException when no answer arrives
     */
    public RemotingCommand invokeSyncOk(String address, RemotingCommand request, Duration timeout, String what) {
        RemotingCommand response = invokeSync(address, request, timeout, what);
        if (response.code() != ResponseCode.SUCCESS) {
            throw brokerError(what, address, response);
        }
        return response;
    }

    /**
     * Sends a oneway request; blocks at most the connect timeout while a connection is opened.
     *
     * @throws MqClientException when no connection can be opened
     */
    public void invokeOneway(String address, RemotingCommand request, String what) {
        try {
            remoting.invokeOneway(address, request);
        } catch (RemotingException e) {
            throw translate(e, what, address, defaultTimeout);
        }
    }

    /**
     * Sends a request to a name server and returns the future of its answer, whatever its code. Tries
     * the next name server when one cannot be reached; sticks to the one that answered.
     */
    public CompletableFuture<RemotingCommand> invokeNamesrv(RemotingCommand request, Duration timeout, String what) {
        CompletableFuture<RemotingCommand> result = new CompletableFuture<>();
        tryNamesrv(request, timeout, what, currentNamesrv.get(), 0, result);
        return result;
    }

    private void tryNamesrv(RemotingCommand request, Duration timeout, String what, int first, int attempt,
                            CompletableFuture<RemotingCommand> result) {
        int index = Math.floorMod(first + attempt, namesrvAddresses.size());
        String address = namesrvAddresses.get(index);
        remoting.invokeAsync(address, request, timeout.toMillis()).whenComplete((response, error) -> {
            if (error == null) {
                currentNamesrv.set(index);
                result.complete(response);
                return;
            }
            Throwable cause = unwrap(error);
            boolean unreachable = cause instanceof RemotingException failure
                    && failure.kind() != RemotingException.Kind.TIMEOUT
                    && failure.kind() != RemotingException.Kind.INTERRUPTED;
            if (unreachable && attempt + 1 < namesrvAddresses.size()) {
                tryNamesrv(request, timeout, what, first, attempt + 1, result);
            } else {
                result.completeExceptionally(translate(cause, what, "name server " + address, timeout));
            }
        });
    }

    /** The exception for an answer other than SUCCESS. */
    public static MqBrokerException brokerError(String what, String address, RemotingCommand response) {
        return new MqBrokerException(address + " refused " + what + ": " + Codes.response(response.code())
                + (response.remark() == null ? "" : " (" + response.remark() + ")"),
                response.code(), response.remark(), address);
    }

    /** This client's exception for a failure to get an answer from {@code address}. */
    public static MqException translate(Throwable failure, String what, String address, Duration timeout) {
        if (failure instanceof MqException mq) {
            return mq;
        }
        if (!(failure instanceof RemotingException remoting)) {
            return new MqClientException(what + " at " + address + " failed: " + failure, failure);
        }
        return switch (remoting.kind()) {
            case TIMEOUT -> new MqTimeoutException(what + " at " + address, timeout, null, remoting);
            case CONNECT_FAILED -> new MqClientException("cannot connect to " + address + " for " + what + ": "
                    + remoting.getMessage(), remoting);
            case CONNECTION_CLOSED -> new MqClientException("the connection to " + address + " closed before the answer to "
                    + what + " arrived: " + remoting.getMessage(), remoting);
            case SEND_FAILED -> new MqClientException("cannot send " + what + " to " + address + ": "
                    + remoting.getMessage(), remoting);
            case INTERRUPTED -> new MqClientException("interrupted while waiting for the answer to " + what + " from "
                    + address, remoting);
            case BIND_FAILED -> new MqClientException(what + " at " + address + " failed: " + remoting.getMessage(),
                    remoting);
        };
    }

    /** The cause inside a {@link CompletionException} or {@link ExecutionException}. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
