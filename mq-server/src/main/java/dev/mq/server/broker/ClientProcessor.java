package dev.mq.server.broker;

import dev.mq.message.TopicNames;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingServer;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.HeartbeatData;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import io.netty.channel.Channel;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * HEART_BEAT, UNREGISTER_CLIENT and CHECK_CLIENT_CONFIG: keeps the client registry and tells the
 * members of a consumer group (NOTIFY_CONSUMER_IDS_CHANGED, oneway) when the group changed.
 */
final class ClientProcessor implements RequestProcessor {

    private final BrokerContext broker;
    private final RemotingServer server;

    ClientProcessor(BrokerContext broker, RemotingServer server) {
        this.broker = broker;
        this.server = server;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Channel channel, RemotingCommand request) {
        switch (request.getCode()) {
            case RequestCode.HEART_BEAT -> heartbeat(channel, request);
            case RequestCode.UNREGISTER_CLIENT -> notifyChanged(broker.clients().unregister(channel,
                    request.ext("producerGroup"), request.ext("consumerGroup")));
            case RequestCode.CHECK_CLIENT_CONFIG -> { }
            default -> throw new IllegalArgumentException("not a client request: " + request.getCode());
        }
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null));
    }

    private void heartbeat(Channel channel, RemotingCommand request) {
        HeartbeatData heartbeat = RemotingJson.decode(request.getBody(), HeartbeatData.class);
        boolean topicsCreated = false;
        for (HeartbeatData.ConsumerData consumer : heartbeat.consumerDataSet()) {
            SubscriptionGroups.Group group = broker.groups().findOrCreate(consumer.groupName());
            if (!"BROADCASTING".equals(consumer.messageModel())) {
                TopicTable.Created retry = broker.topics().createIfAbsent(TopicConfig.of(
                        TopicNames.RETRY_PREFIX + consumer.groupName(), group.retryQueueNums(), Permissions.READ_WRITE));
                topicsCreated |= retry.created();
            }
        }
        if (topicsCreated) {
            broker.topicsChanged().run();
        }
        notifyChanged(broker.clients().heartbeat(channel, heartbeat, broker.clock().millis()));
    }

    /** Sends NOTIFY_CONSUMER_IDS_CHANGED to every member of each changed clustering group. */
    void notifyChanged(Set<String> groups) {
        for (String name : groups) {
            ClientRegistry.ConsumerGroup group = broker.clients().consumerGroup(name);
            if (group == null || group.broadcasting()) {
                continue;
            }
            for (ClientRegistry.Member member : group.members()) {
                if (member.channel().isActive()) {
                    RemotingCommand notify = RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED);
                    notify.putExt("consumerGroup", name);
                    notify.markOneway();
                    server.invokeOneway(member.channel(), notify);
                }
            }
        }
    }
}
