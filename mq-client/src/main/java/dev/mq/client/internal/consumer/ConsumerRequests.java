package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.client.MqBrokerException;
import dev.mq.client.MqClientException;
import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.Codes;
import dev.mq.client.internal.Invoker;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.ConsumerIdList;
import dev.mq.protocol.body.LockBatchBody;
import dev.mq.protocol.body.LockBatchResult;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.header.ConsumerGroupHeader;
import dev.mq.protocol.header.GetMaxOffsetHeader;
import dev.mq.protocol.header.OffsetResponseHeader;
import dev.mq.protocol.header.QueryConsumerOffsetHeader;
import dev.mq.protocol.header.SearchOffsetHeader;
import dev.mq.protocol.header.TopicQueueHeader;
import dev.mq.protocol.header.UpdateConsumerOffsetHeader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The broker calls of one consumer group, typed: offsets (query, commit, min, max, by time), the
 * group's member list, and queue locks. Each goes to the master of the queue's broker. The blocking
 * ones wait at most the client's request timeout and are made on consumer threads, never on network
 * I/O or client scheduler threads. Thread-safe.
 */
final class ConsumerRequests implements StartOffsets.QueueOffsets {

    private final ClientCore core;
    private final String group;
    private final Duration timeout;

    ConsumerRequests(ClientCore core, String group) {
        this.core = core;
        this.group = group;
        this.timeout = core.settings().requestTimeout();
    }

    ClientCore core() {
        return core;
    }

    String group() {
        return group;
    }

    /**
     * The master address of {@code brokerName}.
     *
     * @throws MqClientException when no known route names a master for it
     */
    String masterAddress(String brokerName) {
        String address = core.brokers().masterAddress(brokerName);
        if (address == null) {
            throw new MqClientException("no master address known for broker " + brokerName
                    + " (is it down, or not in any route?)");
        }
        return address;
    }

    /**
     * The group's committed offset of {@code queue}, or -1 when it has none (QUERY_NOT_FOUND). Brokers
     * answer 0 for a group without an offset in a queue whose first message is still stored (so a new
     * group reads a young topic from its start), unless {@code strict}.
     *
     * @param strict whether only a really committed offset counts (setZeroIfNotFound=false)
     * @throws dev.mq.client.MqException for any other answer or no answer
     */
    long committedOffset(MessageQueue queue, boolean strict) {
        String address = masterAddress(queue.brokerName());
        String what = "offset query of group " + group + " for " + queue;
        RemotingCommand response = core.invoker().invokeSync(address, Invoker.request(RequestCode.QUERY_CONSUMER_OFFSET,
                new QueryConsumerOffsetHeader(group, queue.topic(), queue.queueId(), strict ? Boolean.FALSE : null,
                        queue.brokerName()), null),
                timeout, what);
        if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
            return -1;
        }
        if (response.code() != ResponseCode.SUCCESS) {
            throw Invoker.brokerError(what, address, response);
        }
        return OffsetResponseHeader.read(response).offset();
    }

    /** The next offset to be written in {@code queue}. */
    @Override
    public long maxOffset(MessageQueue queue) {
        return offset(RequestCode.GET_MAX_OFFSET, new GetMaxOffsetHeader(queue.topic(), queue.queueId(), Boolean.TRUE),
                queue, "max offset of " + queue);
    }

    /** The oldest offset still stored in {@code queue}. */
    @Override
    public long minOffset(MessageQueue queue) {
        return offset(RequestCode.GET_MIN_OFFSET, new TopicQueueHeader(queue.topic(), queue.queueId()), queue,
                "min offset of " + queue);
    }

    /** The offset of the first message stored at or after {@code timestampMillis} (the max offset if none). */
    @Override
    public long offsetAt(MessageQueue queue, long timestampMillis) {
        return offset(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, new SearchOffsetHeader(queue.topic(), queue.queueId(),
                timestampMillis, SearchOffsetHeader.LOWER), queue, "offset of " + queue + " at time " + timestampMillis);
    }

    private long offset(int code, dev.mq.protocol.header.CommandHeader header, MessageQueue queue, String what) {
        String address = masterAddress(queue.brokerName());
        RemotingCommand response = core.invoker().invokeSyncOk(address, Invoker.request(code, header, null), timeout,
                what);
        return OffsetResponseHeader.read(response).offset();
    }

    /**
     * Commits {@code offset} as the group's offset of {@code queue}; the future completes on a
     * network thread, failing with the client's exceptions.
     */
    CompletableFuture<Void> commit(MessageQueue queue, long offset) {
        String address;
        try {
            address = masterAddress(queue.brokerName());
        } catch (MqClientException e) {
            return CompletableFuture.failedFuture(e);
        }
        String what = "offset commit of group " + group + " for " + queue + " at " + offset;
        return core.invoker().invoke(address, Invoker.request(RequestCode.UPDATE_CONSUMER_OFFSET,
                new UpdateConsumerOffsetHeader(group, queue.topic(), queue.queueId(), offset, queue.brokerName()), null),
                timeout, what).thenAccept(response -> {
                    if (response.code() != ResponseCode.SUCCESS) {
                        throw new CompletionException(Invoker.brokerError(what, address, response));
                    }
                });
    }

    /**
     * The client ids of the group's consumers as {@code brokerName} knows them, sorted; empty when it
     * knows none.
     */
    List<String> consumerIds(String brokerName) {
        String address = masterAddress(brokerName);
        String what = "member list of group " + group;
        RemotingCommand response = core.invoker().invokeSync(address, Invoker.request(
                RequestCode.GET_CONSUMER_LIST_BY_GROUP, new ConsumerGroupHeader(group), null), timeout, what);
        if (response.code() != ResponseCode.SUCCESS) {
            if (response.code() == ResponseCode.SYSTEM_ERROR) {
                return List.of(); // Apache's (and our) answer for a group without consumers
            }
            throw Invoker.brokerError(what, address, response);
        }
        if (response.body() == null) {
            return List.of();
        }
        List<String> ids = RemotingJson.decode(response.body(), ConsumerIdList.class).consumerIdList();
        List<String> sorted = new ArrayList<>(ids == null ? List.of() : ids);
        sorted.sort(null);
        return sorted;
    }

    /**
     * Locks {@code queues} (all of broker {@code brokerName}) for this client.
     *
     * @return the queues this client now holds
     */
    Set<MessageQueue> lock(String brokerName, Collection<MessageQueue> queues) {
        String address = masterAddress(brokerName);
        RemotingCommand response = core.invoker().invokeSyncOk(address, Invoker.request(RequestCode.LOCK_BATCH_MQ,
                null, RemotingJson.encode(lockBody(queues))), timeout, "lock of " + queues.size()
                + " queue(s) of group " + group + " on " + brokerName);
        Set<MessageQueue> locked = new HashSet<>();
        if (response.body() != null) {
            LockBatchResult result = RemotingJson.decode(response.body(), LockBatchResult.class);
            if (result.lockOKMQSet() != null) {
                for (dev.mq.protocol.body.MessageQueue queue : result.lockOKMQSet()) {
                    locked.add(new MessageQueue(queue.topic(), queue.brokerName(), queue.queueId()));
                }
            }
        }
        return locked;
    }

    /** Releases this client's locks of {@code queues} (all of broker {@code brokerName}) and waits for the answer. */
    void unlock(String brokerName, Collection<MessageQueue> queues) {
        String address = masterAddress(brokerName);
        RemotingCommand response = core.invoker().invokeSync(address, Invoker.request(RequestCode.UNLOCK_BATCH_MQ, null,
                RemotingJson.encode(lockBody(queues))), timeout, "unlock of queues of group " + group);
        if (response.code() != ResponseCode.SUCCESS) {
            throw new MqBrokerException(address + " refused to unlock " + queues + " for group " + group + ": "
                    + Codes.response(response.code()), response.code(), response.remark(), address);
        }
    }

    private LockBatchBody lockBody(Collection<MessageQueue> queues) {
        Set<dev.mq.protocol.body.MessageQueue> wire = new HashSet<>();
        for (MessageQueue queue : queues) {
            wire.add(new dev.mq.protocol.body.MessageQueue(queue.topic(), queue.brokerName(), queue.queueId()));
        }
        return new LockBatchBody(group, core.clientId(), false, wire);
    }
}
