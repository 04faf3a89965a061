package dev.mq.server.broker.client;

import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.LockBatchBody;
import dev.mq.protocol.body.LockBatchResult;
import dev.mq.protocol.body.MessageQueue;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.server.broker.state.BrokerContext;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** LOCK_BATCH_MQ and UNLOCK_BATCH_MQ for orderly consumers. */
public final class LockProcessor implements RequestProcessor {

    private final BrokerContext broker;

    public LockProcessor(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        LockBatchBody body = RemotingJson.decode(request.body(), LockBatchBody.class);
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        if (request.code() == RequestCode.LOCK_BATCH_MQ) {
            Set<MessageQueue> held = broker.locks().lock(body.consumerGroup(), body.mqSet(), body.clientId(),
                    broker.clock().millis());
            response.setBody(RemotingJson.encode(new LockBatchResult(held)));
        } else {
            broker.locks().unlock(body.consumerGroup(), body.mqSet(), body.clientId());
        }
        return CompletableFuture.completedFuture(response);
    }
}
