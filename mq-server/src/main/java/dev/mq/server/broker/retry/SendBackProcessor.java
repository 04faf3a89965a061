package dev.mq.server.broker.retry;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordView;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.header.ConsumerSendMsgBackHeader;
import dev.mq.server.broker.delay.DelayLevels;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.SubscriptionGroups;
import dev.mq.server.broker.state.TopicTable;
import dev.mq.store.AppendResult;
import dev.mq.store.StoredMessages;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * CONSUMER_SEND_MSG_BACK: a consumer could not process a message. The broker stores a copy for
 * the group's retry topic, delivered after a delay (the consumer's level, else the group's retry
 * policy, else level 3 + earlier retries), or, once the retries are used up or the consumer asks for it, in the group's
 * dead-letter topic.
 */
public final class SendBackProcessor implements RequestProcessor {


    private final BrokerContext broker;
    private final DelayLevels delayLevels;

    public SendBackProcessor(BrokerContext broker, DelayLevels delayLevels) {
        this.broker = broker;
        this.delayLevels = delayLevels;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        ConsumerSendMsgBackHeader header = ConsumerSendMsgBackHeader.read(request);
        long offset = header.offset();
        String group = header.group();
        String originMsgId = header.originMsgId();
        SubscriptionGroups.Group settings = broker.groups().findOrCreate(group);
        int max = RetryPolicy.maxReconsumeTimes(header.maxReconsumeTimes(), settings);
        AppendMessage message;
        try (StoredMessages stored = broker.store().readAt(offset)) {
            if (stored.isEmpty()) {
                return reply(request, ResponseCode.SYSTEM_ERROR, "look message by offset failed: no message at "
                        + "commit-log offset " + offset + " (removed by retention, or not a message offset)");
            }
            ByteBuffer record = stored.messages().get(0);
            RecordView view = new RecordView().wrap(record, record.position());
            int reconsumeTimes = view.reconsumeTimes();
            String topic = view.topic();
            Map<String, String> properties = MessageProperties.parse(view.properties());
            properties.remove(PropertyNames.DELAY);
            properties.putIfAbsent(PropertyNames.RETRY_TOPIC, topic);
            String originId = originMsgId != null && !originMsgId.isEmpty() ? originMsgId
                    : properties.get(PropertyNames.UNIQ_KEY);
            RetryPolicy.Decision decision = RetryPolicy.sendBack(reconsumeTimes, max,
                    header.delayLevel(), delayLevels, settings.groupRetryPolicy());
            if (decision.deadLetter()) {
                TopicConfig dlq = deadLetterTopic(broker, group);
                properties.put(PropertyNames.DLQ_ORIGIN_TOPIC, topic.startsWith(TopicNames.RETRY_PREFIX)
                        ? properties.get(PropertyNames.RETRY_TOPIC) : topic);
                if (originId != null) {
                    properties.put(PropertyNames.DLQ_ORIGIN_MESSAGE_ID, originId);
                }
                message = AppendMessage.copyOf(record, dlq.topicName(), 0, reconsumeTimes + 1,
                        MessageProperties.format(properties));
            } else {
                TopicConfig retry = retryTopic(broker, settings);
                if (originId != null) {
                    properties.putIfAbsent(PropertyNames.ORIGIN_MESSAGE_ID, originId);
                }
                message = RetrySchedule.schedule(AppendMessage.copyOf(record, retry.topicName(), 0, reconsumeTimes + 1,
                        MessageProperties.format(properties)), decision, delayLevels, broker.clock());
            }
        }
        return broker.store().append(message).thenApply(result -> response(request, result));
    }

    private static RemotingCommand response(RemotingCommand request, AppendResult result) {
        if (result.status().isStored()) {
            return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        }
        int code = switch (result.status()) {
            case DISK_FULL, STORE_CLOSED -> ResponseCode.SERVICE_NOT_AVAILABLE;
            case BUSY -> ResponseCode.SYSTEM_BUSY;
            default -> ResponseCode.SYSTEM_ERROR;
        };
        return RemotingCommand.responseTo(request, code, "cannot store the message for retry: " + result.detail());
    }

    /** The group's retry topic, created with the group's retry queue count if missing. */
    static TopicConfig retryTopic(BrokerContext broker, SubscriptionGroups.Group group) {
        return createIfAbsent(broker, TopicConfig.of(TopicNames.RETRY_PREFIX + group.groupName(),
                Math.max(1, group.retryQueueNums()), Permissions.READ_WRITE));
    }

    /** The group's dead-letter topic, created with one queue if missing. */
    public static TopicConfig deadLetterTopic(BrokerContext broker, String group) {
        return createIfAbsent(broker, TopicConfig.of(TopicNames.DLQ_PREFIX + group, 1, Permissions.READ_WRITE));
    }

    private static TopicConfig createIfAbsent(BrokerContext broker, TopicConfig config) {
        TopicTable.Created result = broker.topics().createIfAbsent(config);
        if (result.created()) {
            broker.topicsChanged().run();
        }
        return result.topic();
    }

    private static CompletableFuture<RemotingCommand> reply(RemotingCommand request, int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, code, remark));
    }
}
