package dev.mq.server.broker.send;

import dev.mq.message.BatchCodec;
import dev.mq.message.InvalidMessageException;
import dev.mq.message.MessageIds;
import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.Validation;
import dev.mq.message.record.AppendMessage;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandException;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.header.SendMessageHeader;
import dev.mq.protocol.header.SendMessageResponseHeader;
import dev.mq.server.broker.delay.DelayLevels;
import dev.mq.server.broker.retry.RetryPolicy;
import dev.mq.server.broker.retry.SendBackProcessor;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.TopicTable;
import dev.mq.server.broker.timer.TimerMessages;
import dev.mq.server.broker.transaction.HalfMessages;
import dev.mq.store.AppendResult;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SEND_MESSAGE, SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE: validates, creates the topic if allowed,
 * appends to the store and answers when the store does (after the flush in SYNC mode).
 */
public final class SendProcessor implements RequestProcessor {

    /** The region and message-trace switch every send response names (official clients require both). */
    private static final String REGION = "DefaultRegion";
    private static final Boolean TRACE_ON = Boolean.TRUE;

    private final BrokerContext broker;
    private final DelayLevels delayLevels;
    private final TimerMessages timerMessages;

    public SendProcessor(BrokerContext broker, DelayLevels delayLevels, TimerMessages timerMessages) {
        this.broker = broker;
        this.delayLevels = delayLevels;
        this.timerMessages = timerMessages;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        SendMessageHeader header = SendMessageHeader.read(request);
        Validation name = TopicNames.checkSendable(header.topic());
        if (!name.isValid()) {
            return reply(request, ResponseCode.MESSAGE_ILLEGAL, name.problem());
        }
        boolean batch = header.batch();
        int level = delayLevels.parse(MessageProperties.get(header.properties(), PropertyNames.DELAY));
        boolean half = HalfMessages.isHalf(header.sysFlag());
        if (half) {
            Validation sendable = HalfMessages.checkSendable(batch, level);
            if (!sendable.isValid()) {
                return reply(request, ResponseCode.MESSAGE_ILLEGAL, sendable.problem());
            }
        }
        TimerMessages.Decision timer = timerMessages.decide(header.properties(), level, batch);
        if (timer.refused()) {
            return reply(request, ResponseCode.MESSAGE_ILLEGAL, timer.problem());
        }
        if (batch && level > 0) {
            return reply(request, ResponseCode.MESSAGE_ILLEGAL, "batch messages cannot be delayed");
        }
        InetSocketAddress bornHost = bornHost(connection);
        if (!batch && header.topic().startsWith(TopicNames.RETRY_PREFIX)) {
            String group = header.topic().substring(TopicNames.RETRY_PREFIX.length());
            int max = RetryPolicy.maxReconsumeTimes(header.maxReconsumeTimes(), broker.groups().findOrCreate(group));
            if (RetryPolicy.sendToDeadLetter(header.reconsumeTimes(), max)) {
                return sendToDeadLetter(request, header, group, bornHost);
            }
        }
        TopicConfig topic = findOrCreateTopic(header);
        if (topic == null) {
            return reply(request, ResponseCode.TOPIC_NOT_EXIST, "topic[" + header.topic()
                    + "] not exist, apply first please! (auto-creation is "
                    + (broker.autoCreateTopic() ? "on but the template topic does not allow it)" : "off: mq.broker.auto-create-topic=false)"));
        }
        if (!Permissions.writable(topic.perm())) {
            return reply(request, ResponseCode.NO_PERMISSION, "the topic[" + header.topic() + "] sending is forbidden");
        }
        int queueId = header.queueId() < 0 ? ThreadLocalRandom.current().nextInt(topic.writeQueueNums()) : header.queueId();
        if (queueId >= Math.max(topic.writeQueueNums(), topic.readQueueNums())) {
            return reply(request, ResponseCode.SYSTEM_ERROR, "request queueId[" + queueId + "] is illegal, topic "
                    + header.topic() + " has " + topic.writeQueueNums() + " write queues");
        }
        if (batch) {
            return sendBatch(request, header, queueId, bornHost);
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        String properties = withUniqueKey(header.properties());
        AppendMessage message = new AppendMessage(header.topic(), queueId, header.flag(), header.sysFlag(),
                header.bornTimestamp(), bornHost, header.reconsumeTimes(), 0L, body, properties);
        if (!half) {
            // parked in the timer topic, or its timer properties dropped; a half's timer starts at its commit
            message = timer.applyTo(message);
        }
        if (level > 0) {
            // parked in the schedule topic; the answer names the requested queue and the parked record
            message = DelayLevels.scheduled(message, level);
        }
        if (half) {
            // kept invisible in the half topic until END_TRANSACTION or a check-back resolves it
            message = HalfMessages.toHalf(message);
        }
        String uniqueKey = MessageProperties.get(properties, PropertyNames.UNIQ_KEY);
        // on the I/O thread, the sends of one read share one commit-log write (after the read)
        Executor writeLater = connection == null ? null : connection.afterCurrentRead();
        return broker.store().append(message, writeLater)
                .thenApply(result -> response(request, result, queueId, uniqueKey));
    }

    /** A retry sent by a client whose retries are used up: to the group's dead-letter topic, no delay. */
    private CompletableFuture<RemotingCommand> sendToDeadLetter(RemotingCommand request, SendMessageHeader header,
                                                                String group, InetSocketAddress bornHost) {
        TopicConfig dlq = SendBackProcessor.deadLetterTopic(broker, group);
        Map<String, String> properties = MessageProperties.parse(withUniqueKey(header.properties()));
        properties.remove(PropertyNames.DELAY);
        String originTopic = properties.get(PropertyNames.RETRY_TOPIC);
        if (originTopic != null) {
            properties.putIfAbsent(PropertyNames.DLQ_ORIGIN_TOPIC, originTopic);
        }
        String originId = properties.getOrDefault(PropertyNames.ORIGIN_MESSAGE_ID,
                properties.get(PropertyNames.UNIQ_KEY));
        properties.putIfAbsent(PropertyNames.DLQ_ORIGIN_MESSAGE_ID, originId);
        byte[] body = request.body() == null ? new byte[0] : request.body();
        AppendMessage message = new AppendMessage(dlq.topicName(), 0, header.flag(), header.sysFlag(),
                header.bornTimestamp(), bornHost, header.reconsumeTimes(), 0L, body,
                MessageProperties.format(properties));
        String uniqueKey = properties.get(PropertyNames.UNIQ_KEY);
        return broker.store().append(message).thenApply(result -> response(request, result, 0, uniqueKey));
    }

    private CompletableFuture<RemotingCommand> sendBatch(RemotingCommand request, SendMessageHeader header, int queueId,
                                                         InetSocketAddress bornHost) {
        if (header.topic().startsWith(TopicNames.RETRY_PREFIX)) {
            return reply(request, ResponseCode.MESSAGE_ILLEGAL, "batch messages cannot be sent to a retry topic");
        }
        List<BatchCodec.Entry> entries;
        try {
            entries = BatchCodec.decode(request.body());
        } catch (InvalidMessageException e) {
            throw new RemotingCommandException(e.getMessage(), e);
        }
        List<AppendMessage> messages = new ArrayList<>(entries.size());
        StringBuilder uniqueKeys = new StringBuilder();
        for (BatchCodec.Entry entry : entries) {
            String properties = withUniqueKey(entry.properties());
            if (!uniqueKeys.isEmpty()) {
                uniqueKeys.append(',');
            }
            uniqueKeys.append(MessageProperties.get(properties, PropertyNames.UNIQ_KEY));
            messages.add(new AppendMessage(header.topic(), queueId, entry.flag(), header.sysFlag(),
                    header.bornTimestamp(), bornHost, 0, 0L, entry.body(), properties));
        }
        return broker.store().appendBatch(messages)
                .thenApply(result -> response(request, result, queueId, uniqueKeys.toString()));
    }

    private RemotingCommand response(RemotingCommand request, AppendResult result, int queueId, String uniqueKey) {
        int code = switch (result.status()) {
            case OK -> ResponseCode.SUCCESS;
            case FLUSH_DISK_TIMEOUT -> ResponseCode.FLUSH_DISK_TIMEOUT;
            case MESSAGE_TOO_LARGE, MESSAGE_ILLEGAL -> ResponseCode.MESSAGE_ILLEGAL;
            case DISK_FULL, STORE_CLOSED -> ResponseCode.SERVICE_NOT_AVAILABLE;
            case BUSY -> ResponseCode.SYSTEM_BUSY;
            case IO_ERROR -> ResponseCode.SYSTEM_ERROR;
        };
        RemotingCommand response = RemotingCommand.responseTo(request, code, result.detail());
        if (result.status().isStored()) {
            StringBuilder ids = new StringBuilder();
            for (long offset : result.recordOffsets()) {
                if (!ids.isEmpty()) {
                    ids.append(',');
                }
                ids.append(MessageIds.offsetMessageId(broker.storeHost(), offset));
            }
            new SendMessageResponseHeader(ids.toString(), queueId, result.queueOffset(), uniqueKey, null, null, REGION,
                    TRACE_ON).writeTo(response);
        } else {
            SendMessageResponseHeader.writeRegionAndTrace(response, REGION, TRACE_ON);
        }
        return response;
    }

    /** Looks the topic up, creating it from the template (or as a retry topic) when allowed. */
    private TopicConfig findOrCreateTopic(SendMessageHeader header) {
        TopicConfig existing = broker.topics().get(header.topic());
        if (existing != null) {
            return existing;
        }
        TopicConfig created = null;
        if (header.topic().startsWith(TopicNames.RETRY_PREFIX)) {
            created = TopicConfig.of(header.topic(), 1, Permissions.READ_WRITE);
        } else if (broker.autoCreateTopic()) {
            TopicConfig template = broker.topics().get(header.defaultTopic() == null ? TopicNames.AUTO_CREATE_TEMPLATE
                    : header.defaultTopic());
            if (template != null && Permissions.inherits(template.perm())) {
                int queues = Math.max(1, Math.min(header.defaultTopicQueueNums(), template.writeQueueNums()));
                created = TopicConfig.of(header.topic(), queues, template.perm() & ~Permissions.INHERIT);
            }
        }
        if (created == null) {
            return null;
        }
        TopicTable.Created result = broker.topics().createIfAbsent(created);
        if (result.created()) {
            broker.topicsChanged().run();
        }
        return result.topic();
    }


    static String withUniqueKey(String properties) {
        String text = properties == null ? "" : properties;
        if (MessageProperties.get(text, PropertyNames.UNIQ_KEY) != null) {
            return text;
        }
        String generated = java.util.UUID.randomUUID().toString().replace("-", "").toUpperCase();
        return text + PropertyNames.UNIQ_KEY + MessageProperties.NAME_VALUE_SEPARATOR + generated
                + MessageProperties.PROPERTY_SEPARATOR;
    }

    private static InetSocketAddress bornHost(Connection connection) {
        InetSocketAddress address = connection == null ? null : connection.remoteAddress();
        if (address != null && address.getAddress() != null) {
            return address;
        }
        return new InetSocketAddress("127.0.0.1", 0);
    }

    private static CompletableFuture<RemotingCommand> reply(RemotingCommand request, int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, code, remark));
    }
}
