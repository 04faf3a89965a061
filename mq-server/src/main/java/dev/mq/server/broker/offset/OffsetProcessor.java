package dev.mq.server.broker.offset;

import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.ConsumerIdList;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.header.ConsumerGroupHeader;
import dev.mq.protocol.header.GetEarliestMsgStoretimeResponseHeader;
import dev.mq.protocol.header.GetMaxOffsetHeader;
import dev.mq.protocol.header.OffsetResponseHeader;
import dev.mq.protocol.header.QueryConsumerOffsetHeader;
import dev.mq.protocol.header.SearchOffsetHeader;
import dev.mq.protocol.header.TopicQueueHeader;
import dev.mq.protocol.header.UpdateConsumerOffsetHeader;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;
import dev.mq.store.BoundaryType;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Consumer offsets and queue metadata: QUERY_CONSUMER_OFFSET, UPDATE_CONSUMER_OFFSET,
 * GET_MAX_OFFSET, GET_MIN_OFFSET, SEARCH_OFFSET_BY_TIMESTAMP, GET_EARLIEST_MSG_STORETIME and
 * GET_CONSUMER_LIST_BY_GROUP.
 */
public final class OffsetProcessor implements RequestProcessor {

    private final BrokerContext broker;

    public OffsetProcessor(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        RemotingCommand response = switch (request.code()) {
            case RequestCode.QUERY_CONSUMER_OFFSET -> queryOffset(request);
            case RequestCode.UPDATE_CONSUMER_OFFSET -> {
                UpdateConsumerOffsetHeader header = UpdateConsumerOffsetHeader.read(request);
                broker.offsets().commit(header.consumerGroup(), header.topic(), header.queueId(), header.commitOffset());
                yield RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            }
            case RequestCode.GET_MAX_OFFSET -> {
                GetMaxOffsetHeader header = GetMaxOffsetHeader.read(request);
                yield offset(request, broker.store().maxOffset(header.topic(), header.queueId()));
            }
            case RequestCode.GET_MIN_OFFSET -> {
                TopicQueueHeader header = TopicQueueHeader.read(request);
                yield offset(request, broker.store().minOffset(header.topic(), header.queueId()));
            }
            case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP -> {
                SearchOffsetHeader header = SearchOffsetHeader.read(request);
                yield offset(request, broker.store().offsetByTime(header.topic(), header.queueId(), header.timestamp(),
                        header.upper() ? BoundaryType.UPPER : BoundaryType.LOWER));
            }
            case RequestCode.GET_EARLIEST_MSG_STORETIME -> {
                TopicQueueHeader header = TopicQueueHeader.read(request);
                long time = broker.store().earliestStoreTime(header.topic(), header.queueId());
                RemotingCommand earliest = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
                new GetEarliestMsgStoretimeResponseHeader(Math.max(time, 0)).writeTo(earliest);
                yield earliest;
            }
            case RequestCode.GET_CONSUMER_LIST_BY_GROUP -> consumerList(request);
            default -> throw new IllegalArgumentException("not an offset request: " + request.code());
        };
        return CompletableFuture.completedFuture(response);
    }

    /**
     * The committed offset; without one, see {@link #startAtZero}, else QUERY_NOT_FOUND (the
     * client then applies its consume-from-where policy).
     */
    private RemotingCommand queryOffset(RemotingCommand request) {
        QueryConsumerOffsetHeader header = QueryConsumerOffsetHeader.read(request);
        String group = header.consumerGroup();
        String topic = header.topic();
        int queueId = header.queueId();
        long offset = broker.offsets().query(group, topic, queueId);
        if (offset >= 0) {
            return offset(request, offset);
        }
        ClientRegistry.ConsumerGroup consumers = broker.clients().consumerGroup(group);
        if (startAtZero(header.setZeroIfNotFound(), consumers == null ? null : consumers.consumeFromWhere(),
                broker.store().minOffset(topic, queueId), broker.store().maxOffset(topic, queueId))) {
            return offset(request, 0);
        }
        return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND,
                "the consumer group " + group + " has no offset for " + topic + " queue " + queueId);
    }

    /**
     * Whether a group without a committed offset starts at 0: when the queue is young (still starts
     * at offset 0 and is not empty), so a new group sees what was sent before it started, as with
     * Apache RocketMQ; unless the request says not to, or the group (by its heartbeat) consumes from
     * a timestamp: then its start time decides. (Apache's broker answers 0 there too, so its
     * CONSUME_FROM_TIMESTAMP has no effect on a young queue; we deliberately differ.)
     */
    static boolean startAtZero(Boolean zeroIfNotFound, String consumeFromWhere, long minOffset, long maxOffset) {
        boolean young = minOffset == 0 && maxOffset > 0;
        return young && !Boolean.FALSE.equals(zeroIfNotFound) && !"CONSUME_FROM_TIMESTAMP".equals(consumeFromWhere);
    }

    private RemotingCommand consumerList(RemotingCommand request) {
        String group = ConsumerGroupHeader.read(request).consumerGroup();
        List<String> ids = broker.clients().consumerIds(group);
        if (ids.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "no consumer for this group, " + group);
        }
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(RemotingJson.encode(new ConsumerIdList(ids)));
        return response;
    }

    private static RemotingCommand offset(RemotingCommand request, long offset) {
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        new OffsetResponseHeader(offset).writeTo(response);
        return response;
    }
}
