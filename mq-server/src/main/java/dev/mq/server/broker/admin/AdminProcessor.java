package dev.mq.server.broker.admin;

import dev.mq.message.TopicNames;
import dev.mq.message.Validation;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.RegisterBrokerBody;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.header.ConsumerGroupHeader;
import dev.mq.protocol.header.CreateTopicHeader;
import dev.mq.protocol.header.DeleteSubscriptionGroupHeader;
import dev.mq.protocol.header.GetConsumeStatsHeader;
import dev.mq.protocol.header.GetConsumeStatsInBrokerHeader;
import dev.mq.protocol.header.ProducerGroupHeader;
import dev.mq.protocol.header.QueryConsumeQueueHeader;
import dev.mq.protocol.header.QueryConsumeTimeSpanHeader;
import dev.mq.protocol.header.GroupHeader;
import dev.mq.protocol.header.TopicHeader;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.SubscriptionGroups;
import dev.mq.server.broker.state.TopicTable;
import dev.mq.server.broker.stats.BrokerStats;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Topic and subscription-group administration: UPDATE_AND_CREATE_TOPIC, DELETE_TOPIC_IN_BROKER,
 * GET_ALL_TOPIC_CONFIG, UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, GET_ALL_SUBSCRIPTIONGROUP_CONFIG,
 * DELETE_SUBSCRIPTIONGROUP, GET_TOPIC_CONFIG, GET_SUBSCRIPTIONGROUP_CONFIG, GET_SYSTEM_TOPIC_LIST_FROM_BROKER;
 * and the reads of
 * topic, group and client statistics (bodies in {@link AdminStats}).
 */
public final class AdminProcessor implements RequestProcessor {

    private final BrokerContext broker;
    private final AdminStats stats;

    public AdminProcessor(BrokerContext broker, BrokerStats stats) {
        this.broker = broker;
        this.stats = new AdminStats(broker, stats);
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        switch (request.code()) {
            case RequestCode.UPDATE_AND_CREATE_TOPIC:
                return createTopic(request);
            case RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP:
                return createGroup(request);
            default:
                break;
        }
        RemotingCommand response = switch (request.code()) {
            case RequestCode.DELETE_TOPIC_IN_BROKER -> {
                String topic = TopicHeader.read(request).topic();
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
            case RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG -> {
                RemotingCommand r = ok(request);
                r.setBody(RemotingJson.encode(Map.of("subscriptionGroupTable", broker.groups().all(),
                        "dataVersion", broker.topics().dataVersion())));
                yield r;
            }
            case RequestCode.DELETE_SUBSCRIPTIONGROUP -> {
                String group = DeleteSubscriptionGroupHeader.read(request).groupName();
                broker.groups().delete(group);
                broker.offsets().removeGroup(group);
                yield ok(request);
            }
            case RequestCode.GET_TOPIC_CONFIG -> {
                String topic = TopicHeader.read(request).topic();
                TopicConfig config = broker.topics().get(topic);
                yield config == null
                        ? RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST, "topic " + topic + " not exist")
                        : withBody(request, RemotingJson.encode(config));
            }
            case RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG -> {
                SubscriptionGroups.Group group = broker.groups().get(GroupHeader.read(request).group());
                yield group == null
                        ? RemotingCommand.responseTo(request, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                                "No group in this broker")
                        : withBody(request, RemotingJson.encode(group));
            }
            case RequestCode.GET_TOPIC_STATS_INFO -> {
                String topic = TopicHeader.read(request).topic();
                TopicConfig config = broker.topics().get(topic);
                if (config == null) {
                    yield RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST, "topic " + topic + " not exist");
                }
                yield withBody(request, stats.topicStats(config));
            }
            case RequestCode.GET_CONSUME_STATS -> {
                GetConsumeStatsHeader header = GetConsumeStatsHeader.read(request);
                yield withBody(request, stats.consumeStats(header.consumerGroup(), header.topic()));
            }
            case RequestCode.GET_CONSUMER_CONNECTION_LIST -> {
                String group = ConsumerGroupHeader.read(request).consumerGroup();
                byte[] body = stats.consumerConnections(group);
                yield body == null ? RemotingCommand.responseTo(request, ResponseCode.CONSUMER_NOT_ONLINE,
                        "the consumer group " + group + " is not online") : withBody(request, body);
            }
            case RequestCode.GET_PRODUCER_CONNECTION_LIST -> {
                String group = ProducerGroupHeader.read(request).producerGroup();
                byte[] body = stats.producerConnections(group);
                yield body == null ? RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                        "the producer group[" + group + "] not exist") : withBody(request, body);
            }
            case RequestCode.QUERY_TOPIC_CONSUME_BY_WHO ->
                    withBody(request, stats.consumedBy(TopicHeader.read(request).topic()));
            case RequestCode.QUERY_TOPICS_BY_CONSUMER ->
                    withBody(request, stats.topicsConsumedBy(GroupHeader.read(request).group()));
            case RequestCode.GET_BROKER_CONSUME_STATS ->
                    withBody(request, stats.brokerConsumeStats(GetConsumeStatsInBrokerHeader.read(request).order()));
            case RequestCode.QUERY_CONSUME_TIME_SPAN -> {
                QueryConsumeTimeSpanHeader header = QueryConsumeTimeSpanHeader.read(request);
                TopicConfig config = broker.topics().get(header.topic());
                yield config == null
                        ? RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST,
                                "topic[" + header.topic() + "] not exist")
                        : withBody(request, stats.consumeTimeSpan(config, header.group()));
            }
            case RequestCode.QUERY_CONSUME_QUEUE -> {
                QueryConsumeQueueHeader header = QueryConsumeQueueHeader.read(request);
                if (!broker.store().queueIds(header.topic()).contains(header.queueId())) {
                    yield RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                            header.queueId() + "@" + header.topic() + " is not exist!");
                }
                yield withBody(request, stats.consumeQueue(header.topic(), header.queueId(), header.index(),
                        header.count(), header.consumerGroup()));
            }
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER -> {
                TreeSet<String> system = new TreeSet<>();
                broker.topics().all().keySet().stream().filter(TopicNames::isSystem).forEach(system::add);
                yield withBody(request, RemotingJson.encode(Map.of("topicList", system)));
            }
            default -> throw new IllegalArgumentException("not an admin request: " + request.code());
        };
        return CompletableFuture.completedFuture(response);
    }

    /** Answers once the group is on disk (many creates share one fsync, see JournaledStateMap). */
    private CompletableFuture<RemotingCommand> createGroup(RemotingCommand request) {
        SubscriptionGroups.Group group = RemotingJson.decode(request.body(), SubscriptionGroups.Group.class);
        Validation settings = group.check();
        if (!settings.isValid()) {
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER,
                    "subscription group " + group.groupName() + ": " + settings.problem()));
        }
        return broker.groups().update(group).thenApply(written -> ok(request));
    }

    /**
     * Answers once the topic is on disk (many creates share one fsync, see JournaledStateMap),
     * then asks for a registration of the changed topics.
     */
    private CompletableFuture<RemotingCommand> createTopic(RemotingCommand request) {
        // the name first: a bad name is INVALID_PARAMETER even when the queue counts are missing too
        Validation name = TopicNames.checkSendable(TopicHeader.read(request).topic());
        if (!name.isValid()) {
            return CompletableFuture.completedFuture(
                    RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER, name.problem()));
        }
        CreateTopicHeader header = CreateTopicHeader.read(request);
        int read = header.readQueueNums();
        int write = header.writeQueueNums();
        if (read < 1 || write < 1 || read > 1024 || write > 1024) {
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER,
                    "readQueueNums and writeQueueNums must be 1..1024 but were " + read + " and " + write));
        }
        TopicConfig config = new TopicConfig(header.topic(), read, write, header.perm(), header.topicFilterType(),
                header.topicSysFlag(), header.order(), Map.of());
        TopicTable.Update update = broker.topics().update(config);
        return update.durable().thenApply(written -> {
            if (update.changed()) {
                broker.topicsChanged().run();
            }
            return ok(request);
        });
    }

    private static RemotingCommand withBody(RemotingCommand request, byte[] body) {
        RemotingCommand response = ok(request);
        response.setBody(body);
        return response;
    }

    private static RemotingCommand ok(RemotingCommand request) {
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    public static List<Integer> codes() {
        return List.of(RequestCode.UPDATE_AND_CREATE_TOPIC, RequestCode.DELETE_TOPIC_IN_BROKER,
                RequestCode.GET_ALL_TOPIC_CONFIG, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
                RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, RequestCode.DELETE_SUBSCRIPTIONGROUP,
                RequestCode.GET_TOPIC_CONFIG, RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG, RequestCode.GET_TOPIC_STATS_INFO,
                RequestCode.GET_CONSUME_STATS, RequestCode.GET_CONSUMER_CONNECTION_LIST,
                RequestCode.GET_PRODUCER_CONNECTION_LIST, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO,
                RequestCode.QUERY_TOPICS_BY_CONSUMER, RequestCode.GET_BROKER_CONSUME_STATS,
                RequestCode.QUERY_CONSUME_TIME_SPAN, RequestCode.QUERY_CONSUME_QUEUE,
                RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER);
    }
}
