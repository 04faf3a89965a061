package dev.mq.server.broker.offset;

import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.header.ResetConsumerClientOffsetHeader;
import dev.mq.protocol.header.ResetOffsetHeader;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * INVOKE_BROKER_TO_RESET_OFFSET, as Apache's admin tools send it (header {@code topic}, {@code group},
 * {@code timestamp}, {@code isForce}; 5.x adds {@code queueId} and {@code offset}, -1 when unused).
 * The broker computes the targets ({@link OffsetReset}), stores them as the group's committed
 * offsets, so a group with no consumer online starts there (Apache answers CONSUMER_NOT_ONLINE
 * instead), and pushes RESET_CONSUMER_CLIENT_OFFSET to every online consumer of the group, whose
 * client then drops its queues, adopts the offsets and pulls from them. The answer carries the
 * new offsets as a ResetOffsetBody.
 */
public final class ResetOffsetProcessor implements RequestProcessor {

    private static final System.Logger LOG = System.getLogger(ResetOffsetProcessor.class.getName());

    private final BrokerContext broker;

    public ResetOffsetProcessor(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        return CompletableFuture.completedFuture(reset(request));
    }

    private RemotingCommand reset(RemotingCommand request) {
        ResetOffsetHeader header = ResetOffsetHeader.read(request);
        String topic = header.topic();
        String group = header.group();
        OffsetReset reset = new OffsetReset(topic, group, header.timestamp(), header.force(), header.queueId(),
                header.offset());
        TopicConfig config = broker.topics().get(topic);
        if (config == null) {
            return RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST,
                    "[reset-offset] topic " + topic + " does not exist on broker " + broker.brokerName());
        }
        Map<Integer, Long> targets;
        try {
            targets = reset.targets(broker.store(), broker.offsets(), config);
        } catch (IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER, "[reset-offset] " + e.getMessage());
        }
        targets.forEach((queue, offset) -> broker.offsets().commit(group, topic, queue, offset));
        byte[] body = OffsetReset.body(broker.brokerName(), topic, targets);
        int told = tellConsumers(reset, body);
        LOG.log(Level.INFO, "[reset-offset] group {0} topic {1} to {2} (timestamp {3}, force {4}); {5} consumer(s) told",
                group, topic, targets, reset.timestamp(), reset.force(), told);
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(body);
        return response;
    }

    /** RESET_CONSUMER_CLIENT_OFFSET (oneway) to each online member of the group; returns how many. */
    private int tellConsumers(OffsetReset reset, byte[] body) {
        ClientRegistry.ConsumerGroup group = broker.clients().consumerGroup(reset.group());
        if (group == null) {
            return 0;
        }
        int told = 0;
        for (ClientRegistry.Member member : group.members()) {
            if (!member.connection().isActive()) {
                continue;
            }
            RemotingCommand push = RemotingCommand.request(RequestCode.RESET_CONSUMER_CLIENT_OFFSET);
            new ResetConsumerClientOffsetHeader(reset.topic(), reset.group(), reset.timestamp(), reset.force())
                    .writeTo(push);
            push.setBody(body);
            push.markOneway();
            member.connection().invokeOneway(push);
            told++;
        }
        return told;
    }
}
