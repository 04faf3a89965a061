package dev.mq.server.broker.admin;

import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingException;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.GetConsumerRunningInfoHeader;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * GET_CONSUMER_RUNNING_INFO: relays the request unchanged (header fields and body) to the named
 * consumer over its own connection and answers with the consumer's answer (its ConsumerRunningInfo
 * body), without holding a thread while the consumer works. A consumer that is not online is
 * SYSTEM_ERROR; one that does not answer within {@link #TIMEOUT_MILLIS} is CONSUME_MSG_TIMEOUT, as
 * with Apache's broker.
 */
public final class ConsumerRunningInfoRelay implements RequestProcessor {

    /** How long the consumer may take; below the admin tools' own 5 s. */
    static final long TIMEOUT_MILLIS = 4_000;

    private final BrokerContext broker;

    public ConsumerRunningInfoRelay(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        GetConsumerRunningInfoHeader header = GetConsumerRunningInfoHeader.read(request);
        ClientRegistry.Member consumer = broker.clients().consumer(header.consumerGroup(), header.clientId());
        if (consumer == null) {
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    String.format("The Consumer <%s> <%s> not online", header.consumerGroup(), header.clientId())));
        }
        RemotingCommand relayed = RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO);
        request.extFields().forEach(relayed::putExt);
        relayed.setBody(request.body());
        return consumer.connection().invoke(relayed, TIMEOUT_MILLIS).handle((answer, failure) -> {
            if (failure == null) {
                RemotingCommand response = RemotingCommand.responseTo(request, answer.code(), answer.remark());
                answer.extFields().forEach(response::putExt);
                response.setBody(answer.body());
                return response;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            boolean timeout = cause instanceof RemotingException e && e.kind() == RemotingException.Kind.TIMEOUT;
            return RemotingCommand.responseTo(request, timeout ? ResponseCode.CONSUME_MSG_TIMEOUT
                    : ResponseCode.SYSTEM_ERROR, String.format("%s consumer <%s> <%s>: %s",
                    timeout ? "no answer within " + TIMEOUT_MILLIS + " ms from" : "cannot reach",
                    header.consumerGroup(), header.clientId(), cause.getMessage()));
        });
    }
}
