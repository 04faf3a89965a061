package dev.mq.client.internal.admin;

import dev.mq.client.ReceivedMessage;
import dev.mq.client.admin.QueueRef;
import dev.mq.client.internal.RecordDecoder;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.GetEarliestMsgStoretimeResponseHeader;
import dev.mq.protocol.header.GetMaxOffsetHeader;
import dev.mq.protocol.header.OffsetResponseHeader;
import dev.mq.protocol.header.PullMessageHeader;
import dev.mq.protocol.header.QueryConsumerOffsetHeader;
import dev.mq.protocol.header.SearchOffsetHeader;
import dev.mq.protocol.header.TopicQueueHeader;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Requests about one queue that several admin operations share: a group's committed offset, the
 * queue's min and max offsets, store times, the offset of a time, and reading messages without
 * consuming them (PULL_MESSAGE as {@value #READER_GROUP}, the group Apache's own tools read with;
 * nothing is committed).
 */
final class QueueReads {

    /** The group admin reads pull as: Apache brokers have it built in; ours creates it on first use. */
    static final String READER_GROUP = "TOOLS_CONSUMER";

    private final Calls calls;

    QueueReads(Calls calls) {
        this.calls = calls;
    }

    private static String of(QueueRef queue) {
        return "of " + queue;
    }

    /**
     * The group's committed offset of the queue, or empty when it never committed one there
     * (QUERY_CONSUMER_OFFSET with {@code setZeroIfNotFound=false}, so that "none" is not reported as 0).
     */
    CompletableFuture<OptionalLong> committedOffset(Target broker, String group, QueueRef queue) {
        return calls.ask(broker, RequestCode.QUERY_CONSUMER_OFFSET, new QueryConsumerOffsetHeader(group, queue.topic(),
                        queue.queueId(), Boolean.FALSE, queue.brokerName()), null, "of group " + group + " " + of(queue),
                code -> code == ResponseCode.SUCCESS || code == ResponseCode.QUERY_NOT_FOUND,
                response -> response.code() == ResponseCode.SUCCESS
                        ? OptionalLong.of(OffsetResponseHeader.read(response).offset()) : OptionalLong.empty());
    }

    /** The queue's min offset (oldest message still stored). */
    CompletableFuture<Long> minOffset(Target broker, QueueRef queue) {
        return calls.ask(broker, RequestCode.GET_MIN_OFFSET, new TopicQueueHeader(queue.topic(), queue.queueId()), null,
                of(queue), response -> OffsetResponseHeader.read(response).offset());
    }

    /** The queue's max offset (where the next message goes). */
    CompletableFuture<Long> maxOffset(Target broker, QueueRef queue) {
        return calls.ask(broker, RequestCode.GET_MAX_OFFSET, new GetMaxOffsetHeader(queue.topic(), queue.queueId(), true),
                null, of(queue), response -> OffsetResponseHeader.read(response).offset());
    }

    /** The offset of the first message stored at or after {@code timestamp} (ms). */
    CompletableFuture<Long> offsetAt(Target broker, QueueRef queue, long timestamp) {
        return calls.ask(broker, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, new SearchOffsetHeader(queue.topic(),
                        queue.queueId(), timestamp, SearchOffsetHeader.LOWER), null, of(queue) + " at " + timestamp,
                response -> OffsetResponseHeader.read(response).offset());
    }

    /** Store time (ms) of the queue's oldest message; 0 or less when it has none. */
    CompletableFuture<Long> earliestStoreTime(Target broker, QueueRef queue) {
        return calls.ask(broker, RequestCode.GET_EARLIEST_MSG_STORETIME, new TopicQueueHeader(queue.topic(),
                queue.queueId()), null, of(queue), response -> GetEarliestMsgStoretimeResponseHeader.read(response).timestamp());
    }

    /**
     * Up to {@code max} messages of the queue from {@code offset}, and where the next read starts; an
     * empty list at the end of the queue. Nothing is committed.
     */
    CompletableFuture<Batch> read(Target broker, QueueRef queue, long offset, int max) {
        PullMessageHeader header = new PullMessageHeader(READER_GROUP, queue.topic(), queue.queueId(), offset, max,
                PullMessageHeader.FLAG_SUBSCRIPTION, 0L, 0L, null, "*", "TAG", 0L, queue.brokerName());
        return calls.ask(broker, RequestCode.PULL_MESSAGE, header, null, of(queue) + " from offset " + offset,
                code -> code == ResponseCode.SUCCESS || code == ResponseCode.PULL_NOT_FOUND
                        || code == ResponseCode.PULL_RETRY_IMMEDIATELY || code == ResponseCode.PULL_OFFSET_MOVED,
                response -> batch(response, offset));
    }

    private static Batch batch(RemotingCommand response, long offset) {
        Long next = response.extLong("nextBeginOffset");
        List<ReceivedMessage> messages = response.code() == ResponseCode.SUCCESS
                ? RecordDecoder.decodeAll(response.body()) : List.of();
        return new Batch(messages, next == null ? offset : next);
    }

    /**
     * Messages read from a queue.
     *
     * @param messages   the messages (empty at the end of the queue)
     * @param nextOffset where the next read starts
     */
    record Batch(List<ReceivedMessage> messages, long nextOffset) {
    }
}
