package dev.mq.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * Handles one kind of request (by request code) received by a {@link RemotingServer} or a
 * {@link RemotingClient}.
 *
 * <p>The transport sends the completed response back on the same connection, after setting its
 * {@code opaque} to the request's, marking it as a response and giving it the request's serialize
 * type. Nothing is sent when the request is oneway or the future completes with {@code null}.
 * A processor that throws, or whose future completes exceptionally, is answered with
 * {@link ResponseCode#SYSTEM_ERROR} and the exception's message as remark.
 */
@FunctionalInterface
public interface RequestProcessor {

    /**
     * Processes a request.
     *
     * @param connection the connection the request arrived on (use it to call the peer back)
     * @param request the decoded request
     * @return the response, or a future completing with {@code null} when there is nothing to send
     * @throws Exception any failure; answered with {@link ResponseCode#SYSTEM_ERROR}
     */
    CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) throws Exception;
}
