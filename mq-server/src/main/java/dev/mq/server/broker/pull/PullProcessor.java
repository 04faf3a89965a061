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

/**
 * PULL_MESSAGE and LITE_PULL_MESSAGE: reads from a queue, commits the offset the client carries,
 * and parks the request (long polling) when there is nothing new yet.
 */
final class PullProcessor implements RequestProcessor {

    /** Bytes one pull returns at most (beyond its first message), as Apache's broker default. */
    static final int MAX_PULL_BYTES = 256 * 1024;
    /** Long polling never holds a request longer than this, so the answer beats the client's timeout. */
    static final long MAX_SUSPEND_MILLIS = 20_000;

    private final BrokerContext broker;
    private final PullReader reader;
    private final LongPolling longPolling;

    PullProcessor(BrokerContext broker, PullReader reader, LongPolling longPolling) {
        this.broker = broker;
        this.reader = reader;
        this.longPolling = longPolling;
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
        broker.groups().findOrCreate(group);
        PullRequest pull = new PullRequest(request, group, topic, queueId, header.queueOffset(), header.maxMsgNums(),
                maxBytes == null || maxBytes <= 0 ? MAX_PULL_BYTES : Math.min(maxBytes, MAX_PULL_BYTES), header.sysFlag(),
                commitOffset == null ? 0 : commitOffset, suspend == null ? 0 : Math.min(suspend, MAX_SUSPEND_MILLIS),
                TagFilter.parse(expression));
        if (header.has(PullMessageHeader.FLAG_COMMIT_OFFSET) && pull.commitOffset() >= 0) {
            broker.offsets().commit(group, topic, queueId, pull.commitOffset());
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
