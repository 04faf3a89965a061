package dev.mq.server.broker.query;

import dev.mq.message.record.RecordBodies;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.QueryMessageHeader;
import dev.mq.protocol.header.QueryMessageResponseHeader;
import dev.mq.protocol.header.ViewMessageHeader;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.store.StoredMessages;

import java.util.concurrent.CompletableFuture;

/** QUERY_MESSAGE (by key or unique id within a time range) and VIEW_MESSAGE_BY_ID (by commit-log offset). */
public final class QueryProcessor implements RequestProcessor {

    /** Results a key query returns at most, as Apache's default batch limit. */
    static final int MAX_RESULTS = 64;

    private final BrokerContext broker;

    public QueryProcessor(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        return CompletableFuture.completedFuture(request.code() == RequestCode.VIEW_MESSAGE_BY_ID
                ? view(request) : query(request));
    }

    private RemotingCommand query(RemotingCommand request) {
        QueryMessageHeader header = QueryMessageHeader.read(request);
        String topic = header.topic();
        String key = header.key();
        int maxNum = Math.max(1, Math.min(header.maxNum(), MAX_RESULTS));
        long begin = header.beginTimestamp();
        long end = header.endTimestamp();
        boolean unique = header.uniqueKeyQuery();
        try (StoredMessages found = unique ? broker.store().queryByUniqueKey(topic, key, maxNum, begin, end)
                : broker.store().queryByKey(topic, key, maxNum, begin, end)) {
            if (found.isEmpty()) {
                return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND,
                        "no message of topic " + topic + " with " + (unique ? "id " : "key ") + key);
            }
            RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            new QueryMessageResponseHeader(broker.clock().millis(), broker.store().dispatchedOffset()).writeTo(response);
            response.setBody(RecordBodies.concatenate(found.messages()));
            return response;
        }
    }

    private RemotingCommand view(RemotingCommand request) {
        long offset = ViewMessageHeader.read(request).offset();
        try (StoredMessages found = broker.store().readAt(offset)) {
            if (found.isEmpty()) {
                return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                        "no message at commit-log offset " + offset);
            }
            RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            response.setBody(RecordBodies.concatenate(found.messages()));
            return response;
        }
    }
}
