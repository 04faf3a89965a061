package dev.mq.server.broker.client;

import dev.mq.message.TopicNames;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.HeartbeatData;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.header.ConsumerGroupHeader;
import dev.mq.protocol.header.UnregisterClientHeader;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;
import dev.mq.server.broker.state.SubscriptionGroups;
import dev.mq.server.broker.state.TopicTable;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * HEART_BEAT, UNREGISTER_CLIENT and CHECK_CLIENT_CONFIG: keeps the client registry and tells the
 * members of a consumer group (NOTIFY_CONSUMER_IDS_CHANGED, oneway) when the group changed.
 */
public final class ClientProcessor implements RequestProcessor {

    private final BrokerContext broker;

    public ClientProcessor(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        switch (request.code()) {
            case RequestCode.HEART_BEAT -> heartbeat(connection, request);
            case RequestCode.UNREGISTER_CLIENT -> {
                UnregisterClientHeader header = UnregisterClientHeader.read(request);
                notifyChanged(broker.clients().unregister(connection, header.producerGroup(), header.consumerGroup()));
            }
            case RequestCode.CHECK_CLIENT_CONFIG -> { }
            default -> throw new IllegalArgumentException("not a client request: " + request.code());
        }
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null));
    }

    private void heartbeat(Connection connection, RemotingCommand request) {
        HeartbeatData heartbeat = RemotingJson.decode(request.body(), HeartbeatData.class);
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
        notifyChanged(broker.clients().heartbeat(connection, heartbeat, request.language(), request.version(),
                broker.clock().millis()));
    }

    /** Sends NOTIFY_CONSUMER_IDS_CHANGED to every member of each changed clustering group. */
    public void notifyChanged(Set<String> groups) {
        for (String name : groups) {
            ClientRegistry.ConsumerGroup group = broker.clients().consumerGroup(name);
            if (group == null || group.broadcasting()) {
                continue;
            }
            for (ClientRegistry.Member member : group.members()) {
                if (member.connection().isActive()) {
                    RemotingCommand notify = RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED);
                    new ConsumerGroupHeader(name).writeTo(notify);
                    notify.markOneway();
                    member.connection().invokeOneway(notify);
                }
            }
        }
    }
}
