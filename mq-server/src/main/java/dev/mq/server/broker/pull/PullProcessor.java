package dev.mq.server.broker.pull;

import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.HeartbeatData.SubscriptionData;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.header.PullMessageHeader;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * PULL_MESSAGE and LITE_PULL_MESSAGE: reads from a queue, commits the offset the client carries,
 * and parks the request (long polling) when there is nothing new yet.
 *
 * <p>Where a pull runs: on the I/O thread that decoded it when its group exists and the store
 * {@linkplain dev.mq.store.MessageStore#readsFromMemory reads it from memory} (the common case of a
 * consumer that keeps up, or of a backlog the page cache still holds), so a pull costs no hand-off
 * to another thread and no wake-up of the I/O thread for its answer; on {@code slowPath} when the
 * read may wait for the disk or the pull creates its subscription group (a file write), which must
 * not stall the other connections of that I/O thread. Measured on the 2-core dev VM, draining a
 * backlog of 1 KiB messages: a third less broker CPU per message than with every pull handed off
 * (docs/performance.md).
 */
final class PullProcessor implements RequestProcessor {

    /** Bytes one pull returns at most (beyond its first message), as Apache's broker default. */
    static final int MAX_PULL_BYTES = 256 * 1024;
    /** Long polling never holds a request longer than this, so the answer beats the client's timeout. */
    static final long MAX_SUSPEND_MILLIS = 20_000;

    private final BrokerContext broker;
    private final PullReader reader;
    private final LongPolling longPolling;
    private final Executor slowPath;

    PullProcessor(BrokerContext broker, PullReader reader, LongPolling longPolling, Executor slowPath) {
        this.broker = broker;
        this.reader = reader;
        this.longPolling = longPolling;
        this.slowPath = slowPath;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        PullMessageHeader header = PullMessageHeader.read(request);
        String group = header.consumerGroup();
        String topic = header.topic();
        int queueId = header.queueId();
        Long commitOffset = header.commitOffset();
        Long suspend = header.suspendTimeoutMillis();
        Integer maxBytes = header.maxMsgBytes();

        TopicConfig config = broker.topics().get(topic);
        if (config == null) {
            return reply(request, ResponseCode.TOPIC_NOT_EXIST, "topic[" + topic + "] not exist, apply first please!");
        }
        if (!Permissions.readable(config.perm())) {
            return reply(request, ResponseCode.NO_PERMISSION, "the topic[" + topic + "] pulling is forbidden");
        }
        if (queueId < 0 || queueId >= config.readQueueNums()) {
            return reply(request, ResponseCode.INVALID_PARAMETER, "queueId[" + queueId + "] is illegal, topic "
                    + topic + " has " + config.readQueueNums() + " read queues");
        }
        String expression;
        if (header.has(PullMessageHeader.FLAG_SUBSCRIPTION)) {
            expression = header.subscription();
            String type = header.expressionType();
            if (type != null && !type.equals("TAG")) {
                return reply(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED,
                        "only TAG expressions are supported, not " + type);
            }
        } else {
            ClientRegistry.ConsumerGroup consumers = broker.clients().consumerGroup(group);
            SubscriptionData subscription = consumers == null ? null : consumers.subscriptions().get(topic);
            if (subscription == null) {
                return reply(request, ResponseCode.SUBSCRIPTION_NOT_EXIST, "the consumer group " + group
                        + " has no subscription to " + topic + " (no heartbeat yet?)");
            }
            expression = subscription.subString();
        }
        PullRequest pull = new PullRequest(request, group, topic, queueId, header.queueOffset(), header.maxMsgNums(),
                maxBytes == null || maxBytes <= 0 ? MAX_PULL_BYTES : Math.min(maxBytes, MAX_PULL_BYTES), header.sysFlag(),
                commitOffset == null ? 0 : commitOffset, suspend == null ? 0 : Math.min(suspend, MAX_SUSPEND_MILLIS),
                TagFilter.parse(expression));
        boolean commit = header.has(PullMessageHeader.FLAG_COMMIT_OFFSET) && pull.commitOffset() >= 0;
        if (broker.groups().get(group) != null && broker.store().readsFromMemory(topic, queueId, pull.offset())) {
            return commitAndExecute(pull, commit);
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                broker.groups().findOrCreate(group);
                return commitAndExecute(pull, commit);
            }, slowPath).thenCompose(Function.identity());
        } catch (RejectedExecutionException e) {
            return reply(request, ResponseCode.SYSTEM_BUSY, "server is busy: the pull was rejected by its executor");
        }
    }

    private CompletableFuture<RemotingCommand> commitAndExecute(PullRequest pull, boolean commit) {
        if (commit) {
            broker.offsets().commit(pull.group(), pull.topic(), pull.queueId(), pull.commitOffset());
        }
        return execute(pull);
    }

    /** Reads and answers; when nothing is there and the pull may wait, parks it in long polling. */
    private CompletableFuture<RemotingCommand> execute(PullRequest pull) {
        RemotingCommand response = reader.read(pull);
        if (response.code() == ResponseCode.PULL_NOT_FOUND && (pull.sysFlag() & PullMessageHeader.FLAG_SUSPEND) != 0
                && pull.suspendMillis() > 0) {
            return longPolling.park(pull);
        }
        return CompletableFuture.completedFuture(response);
    }

    private static CompletableFuture<RemotingCommand> reply(RemotingCommand request, int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, code, remark));
    }
}
