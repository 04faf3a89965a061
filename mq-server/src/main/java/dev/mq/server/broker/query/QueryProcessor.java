package dev.mq.server.broker.query;

import dev.mq.message.record.RecordBodies;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
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
        String topic = request.requireExt("topic");
        String key = request.requireExt("key");
        int maxNum = Math.max(1, Math.min(request.requireExtInt("maxNum"), MAX_RESULTS));
        long begin = request.requireExtLong("beginTimestamp");
        long end = request.requireExtLong("endTimestamp");
        boolean unique = "true".equals(request.ext("_UNIQUE_KEY_QUERY"));
        try (StoredMessages found = unique ? broker.store().queryByUniqueKey(topic, key, maxNum, begin, end)
                : broker.store().queryByKey(topic, key, maxNum, begin, end)) {
            if (found.isEmpty()) {
                return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND,
                        "no message of topic " + topic + " with " + (unique ? "id " : "key ") + key);
            }
            RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            response.putExt("indexLastUpdateTimestamp", broker.clock().millis());
            response.putExt("indexLastUpdatePhyoffset", broker.store().dispatchedOffset());
            response.setBody(RecordBodies.concatenate(found.messages()));
            return response;
        }
    }

    private RemotingCommand view(RemotingCommand request) {
        long offset = request.requireExtLong("offset");
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
