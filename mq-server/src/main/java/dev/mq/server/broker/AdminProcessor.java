package dev.mq.server.broker;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.RegisterBrokerBody;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import io.netty.channel.Channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Topic and subscription-group administration: UPDATE_AND_CREATE_TOPIC, DELETE_TOPIC_IN_BROKER,
 * GET_ALL_TOPIC_CONFIG, UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, GET_ALL_SUBSCRIPTIONGROUP_CONFIG,
 * DELETE_SUBSCRIPTIONGROUP.
 */
final class AdminProcessor implements RequestProcessor {

    private final BrokerContext broker;

    AdminProcessor(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Channel channel, RemotingCommand request) {
        RemotingCommand response = switch (request.getCode()) {
            case RequestCode.UPDATE_AND_CREATE_TOPIC -> createTopic(request);
            case RequestCode.DELETE_TOPIC_IN_BROKER -> {
                String topic = request.requireExt("topic");
                if (broker.topics().delete(topic)) {
                    broker.offsets().removeTopic(topic);
                    broker.topicsChanged().run();
                }
                yield ok(request);
            }
            case RequestCode.GET_ALL_TOPIC_CONFIG -> {
                RemotingCommand r = ok(request);
                r.setBody(RemotingJson.encode(new RegisterBrokerBody.TopicConfigWrapper(broker.topics().all(),
                        broker.topics().dataVersion())));
                yield r;
            }
            case RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP -> {
                broker.groups().put(RemotingJson.decode(request.getBody(), SubscriptionGroups.Group.class));
                yield ok(request);
            }
            case RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG -> {
                RemotingCommand r = ok(request);
                r.setBody(RemotingJson.encode(Map.of("subscriptionGroupTable", broker.groups().all(),
                        "dataVersion", broker.topics().dataVersion())));
                yield r;
            }
            case RequestCode.DELETE_SUBSCRIPTIONGROUP -> {
                String group = request.requireExt("groupName");
                broker.groups().delete(group);
                broker.offsets().removeGroup(group);
                yield ok(request);
            }
            default -> throw new IllegalArgumentException("not an admin request: " + request.getCode());
        };
        return CompletableFuture.completedFuture(response);
    }

    private RemotingCommand createTopic(RemotingCommand request) {
        String topic = request.requireExt("topic");
        String problem = SendProcessor.checkTopicName(topic);
        if (problem != null) {
            return RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER, problem);
        }
        int read = request.requireExtInt("readQueueNums");
        int write = request.requireExtInt("writeQueueNums");
        if (read < 1 || write < 1 || read > 1024 || write > 1024) {
            return RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER,
                    "readQueueNums and writeQueueNums must be 1..1024 but were " + read + " and " + write);
        }
        Integer perm = request.extInt("perm");
        String filterType = request.ext("topicFilterType");
        Integer sysFlag = request.extInt("topicSysFlag");
        Boolean order = request.extBoolean("order");
        TopicConfig config = new TopicConfig(topic, read, write, perm == null ? 6 : perm, filterType,
                sysFlag == null ? 0 : sysFlag, Boolean.TRUE.equals(order), Map.of());
        if (broker.topics().put(config)) {
            broker.topicsChanged().run();
        }
        return ok(request);
    }

    private static RemotingCommand ok(RemotingCommand request) {
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    static List<Integer> codes() {
        return List.of(RequestCode.UPDATE_AND_CREATE_TOPIC, RequestCode.DELETE_TOPIC_IN_BROKER,
                RequestCode.GET_ALL_TOPIC_CONFIG, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
                RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, RequestCode.DELETE_SUBSCRIPTIONGROUP);
    }
}
