package dev.mq.protocol;

import io.netty.channel.Channel;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Routes inbound requests to the {@link RequestProcessor} registered for their code and sends the
 * processor's response back (section 1.6 of the protocol: copy opaque, set the response flag,
 * never answer a oneway request). Shared by {@link RemotingServer} and {@link RemotingClient}.
 */
final class RequestDispatcher {

    private static final System.Logger LOG = System.getLogger(RequestDispatcher.class.getName());

    /** A processor and where it runs ({@code null} executor: on the I/O thread). */
    private record Registration(RequestProcessor processor, Executor executor) {
    }

    private final Map<Integer, Registration> processors = new ConcurrentHashMap<>();
    private volatile Registration defaultProcessor;

    void register(int requestCode, RequestProcessor processor, Executor executor) {
        processors.put(requestCode, new Registration(Objects.requireNonNull(processor, "processor"), executor));
    }

    void setDefault(RequestProcessor processor, Executor executor) {
        defaultProcessor = processor == null ? null : new Registration(processor, executor);
    }

    /** Handles one inbound request; called on the channel's I/O thread. */
    void dispatch(Channel channel, RemotingCommand request) {
        Registration registration = processors.get(request.code());
        if (registration == null) {
            registration = defaultProcessor;
        }
        if (registration == null) {
            LOG.log(Level.DEBUG, "request code {0} from {1} is not supported", request.code(), channel.remoteAddress());
            respond(channel, request, RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not supported"));
            return;
        }
        RequestProcessor processor = registration.processor();
        Executor executor = registration.executor();
        if (executor == null) {
            process(processor, channel, request);
            return;
        }
        try {
            executor.execute(() -> process(processor, channel, request));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "request code {0} from {1} rejected by its executor: {2}",
                    request.code(), channel.remoteAddress(), e.toString());
            respond(channel, request, RemotingCommand.responseTo(request, ResponseCode.SYSTEM_BUSY,
                    "server is busy: request code " + request.code() + " was rejected by its executor"));
        }
    }

    private void process(RequestProcessor processor, Channel channel, RemotingCommand request) {
        CompletableFuture<RemotingCommand> result;
        try {
            result = processor.process(ChannelConnection.of(channel), request);
        } catch (Exception e) {
            result = CompletableFuture.failedFuture(e);
        }
        if (result == null) {
            return;
        }
        result.whenComplete((response, error) -> {
            if (error != null) {
                respond(channel, request, failureResponse(channel, request, unwrap(error)));
            } else if (response != null) {
                respond(channel, request, response);
            }
        });
    }

    private static RemotingCommand failureResponse(Channel channel, RemotingCommand request, Throwable error) {
        if (error instanceof RemotingCommandException) {
            LOG.log(Level.DEBUG, "request code {0} from {1} failed: {2}",
                    request.code(), channel.remoteAddress(), error.getMessage());
        } else {
            LOG.log(Level.WARNING, "processor for request code " + request.code() + " from "
                    + channel.remoteAddress() + " failed", error);
        }
        String remark = error.getMessage() != null ? error.getMessage() : error.getClass().getName();
        return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, remark);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Sends {@code response} for {@code request} unless the request is oneway. */
    private static void respond(Channel channel, RemotingCommand request, RemotingCommand response) {
        if (request.isOneway()) {
            response.releaseBodyBuffer();
            return;
        }
        response.setOpaque(request.opaque());
        response.markResponse();
        response.setSerializeType(request.serializeType());
        channel.writeAndFlush(response).addListener(written -> {
            if (!written.isSuccess()) {
                response.releaseBodyBuffer();
                LOG.log(channel.isActive() ? Level.WARNING : Level.DEBUG,
                        "cannot send response {0} to {1}: {2}", response, channel.remoteAddress(), written.cause());
            }
        });
    }
}
