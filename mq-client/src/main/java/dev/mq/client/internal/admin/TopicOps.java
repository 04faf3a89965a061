package dev.mq.client.internal.admin;

import dev.mq.client.MqClientException;
import dev.mq.client.admin.BrokerIssue;
import dev.mq.client.admin.MqAdmin;
import dev.mq.client.admin.QueueStatus;
import dev.mq.client.admin.TopicKind;
import dev.mq.client.admin.TopicListing;
import dev.mq.client.admin.TopicRouteInfo;
import dev.mq.client.admin.TopicSpec;
import dev.mq.client.admin.TopicStatus;
import dev.mq.client.admin.TopicSummary;
import dev.mq.client.admin.WriteResult;
import dev.mq.message.TopicNames;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.BrokerData;
import dev.mq.protocol.body.QueueData;
import dev.mq.protocol.header.CreateTopicHeader;
import dev.mq.protocol.header.DeleteTopicFromNamesrvHeader;
import dev.mq.protocol.header.GetTopicsByClusterHeader;
import dev.mq.protocol.header.TopicHeader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Topics: the list with kinds and counts, route, per-queue status, create/update and delete. */
final class TopicOps {

    /** Topics Apache brokers keep for themselves that {@link TopicNames#isSystem} does not name. */
    private static final Set<String> APACHE_SYSTEM = Set.of("BenchmarkTest", "OFFSET_MOVED_EVENT", "SELF_TEST_TOPIC",
            "CHECKPOINT_TOPIC", "RMQ_SYS_TRACE_TOPIC");

    private final AdminContext context;

    TopicOps(AdminContext context) {
        this.context = context;
    }

    /**
     * The kind of a topic: by prefix (retry, dead letter), else system when our own rules say so,
     * when a broker lists it among its system topics, when it is named after a cluster or broker
     * (Apache registers one topic per cluster and per broker), or when it carries Apache's system
     * prefixes.
     */
    static TopicKind kind(String topic, Set<String> systemNames) {
        return switch (TopicNames.kind(topic)) {
            case RETRY -> TopicKind.RETRY;
            case DEAD_LETTER -> TopicKind.DEAD_LETTER;
            case SYSTEM -> TopicKind.SYSTEM;
            case NORMAL -> systemNames.contains(topic) || APACHE_SYSTEM.contains(topic) || topic.startsWith("rmq_sys_")
                    || topic.startsWith("RMQ_SYS_") || topic.endsWith("_REPLY_TOPIC") ? TopicKind.SYSTEM : TopicKind.NORMAL;
        };
    }

    /**
     * Per master: its topic configurations, the system topics it names (empty where it does not offer the
     * list), and the issue of a system-topic list that failed otherwise (null when none).
     */
    private record BrokerTopics(Target broker, Map<String, Bodies.TopicConfigRow> configs, Set<String> system,
                                BrokerIssue systemIssue) {
    }

    CompletableFuture<TopicListing> list() {
        CompletableFuture<ClusterSnapshot> cluster = context.cluster();
        CompletableFuture<Set<String>> names = context.calls().askNamesrv(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER,
                null, "", response -> Bodies.names(response.body(), "topicList"));
        return cluster.thenCompose(snapshot -> {
            List<CompletableFuture<BrokerTopics>> perBroker = new ArrayList<>();
            for (Target master : snapshot.masters()) {
                CompletableFuture<Map<String, Bodies.TopicConfigRow>> configs = context.calls().ask(master,
                        RequestCode.GET_ALL_TOPIC_CONFIG, null, null, "", response -> Bodies.topicConfigs(response.body()));
                // only sharpens kinds (our rules and Apache's names cover the rest): a broker that does not
                // offer it is fine, any other failure is an issue that leaves the listing whole
                CompletableFuture<Set<String>> system = context.calls().ask(master,
                        RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, null, null, "", GroupOps::successOrNotSupported,
                        response -> response.code() == ResponseCode.SUCCESS && response.body() != null
                                ? Bodies.names(response.body(), "topicList") : Set.<String>of());
                perBroker.add(configs.thenCombine(system.handle((listed, error) -> error),
                        (c, error) -> error == null ? new BrokerTopics(master, c, system.join(), null)
                                : new BrokerTopics(master, c, Set.of(), CallFailed.issueOf(error, master.broker(),
                                master.address(), Calls.operation(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, "")))));
            }
            return Gathered.all(perBroker).thenCombine(names, (brokers, topicNames) -> new Listed(snapshot, brokers,
                    topicNames));
        }).thenCompose(listed -> withCounts(listed.cluster(), listed.brokers(), listed.names()));
    }

    /** What the topic list is made of before counting. */
    private record Listed(ClusterSnapshot cluster, Gathered<BrokerTopics> brokers, Set<String> names) {
    }

    private CompletableFuture<TopicListing> withCounts(ClusterSnapshot snapshot, Gathered<BrokerTopics> brokers,
                                                       Set<String> topicNames) {
        Set<String> system = new TreeSet<>(snapshot.clusterAndBrokerNames());
        Set<String> all = new TreeSet<>(topicNames);
        for (BrokerTopics broker : brokers.values()) {
            system.addAll(broker.system());
            all.addAll(broker.configs().keySet());
        }
        Throttle throttle = new Throttle(AdminContext.FAN_OUT_LIMIT);
        record Count(String topic, String broker, CompletableFuture<Long> messages) {
        }
        List<Count> counts = new ArrayList<>();
        for (BrokerTopics broker : brokers.values()) {
            for (String topic : broker.configs().keySet()) {
                counts.add(new Count(topic, broker.broker().broker(), throttle.submit(() -> context.calls().ask(
                        broker.broker(), RequestCode.GET_TOPIC_STATS_INFO, new TopicHeader(topic), null, "of topic " + topic,
                        response -> Bodies.topicStats(response.body()).stream().mapToLong(QueueStatus::messages).sum()))));
            }
        }
        return Gathered.all(counts.stream().map(Count::messages).toList()).thenApply(gathered -> {
            Map<String, Long> totals = new HashMap<>();
            Set<String> uncounted = new TreeSet<>();
            for (Count count : counts) {
                if (count.messages().isCompletedExceptionally()) {
                    uncounted.add(count.topic());
                } else {
                    totals.merge(count.topic(), count.messages().join(), Long::sum);
                }
            }
            boolean brokerMissing = !brokers.issues().isEmpty();
            List<TopicSummary> topics = new ArrayList<>(all.size());
            for (String topic : all) {
                int read = 0;
                int write = 0;
                boolean order = false;
                String type = null;
                Set<String> holders = new TreeSet<>();
                for (BrokerTopics broker : brokers.values()) {
                    Bodies.TopicConfigRow config = broker.configs().get(topic);
                    if (config != null) {
                        read += config.readQueues();
                        write += config.writeQueues();
                        order |= config.order();
                        type = type == null ? config.messageType() : type;
                        holders.add(broker.broker().broker());
                    }
                }
                OptionalLong total = uncounted.contains(topic) || (brokerMissing && holders.isEmpty())
                        ? OptionalLong.empty() : OptionalLong.of(totals.getOrDefault(topic, 0L));
                if (brokerMissing && !holders.isEmpty()) {
                    total = OptionalLong.empty(); // a broker that did not answer may hold it too
                }
                topics.add(new TopicSummary(topic, kind(topic, system), read, write, holders, order,
                        Optional.ofNullable(type), total));
            }
            List<BrokerIssue> issues = new ArrayList<>(brokers.issues());
            brokers.values().stream().map(BrokerTopics::systemIssue).filter(java.util.Objects::nonNull)
                    .forEach(issues::add);
            issues.addAll(gathered.issues());
            return new TopicListing(topics, AdminContext.collapse(issues));
        });
    }

    /**
     * The topics of one cluster: GET_TOPICS_BY_CLUSTER where the name server offers it, else the topic
     * configurations of the cluster's masters.
     */
    CompletableFuture<MqAdmin.NameSet> topicsOfCluster(String cluster) {
        return context.calls().askNamesrv(RequestCode.GET_TOPICS_BY_CLUSTER, new GetTopicsByClusterHeader(cluster),
                "of cluster " + cluster, code -> code == ResponseCode.SUCCESS
                        || code == ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                response -> response.code() == ResponseCode.SUCCESS ? Bodies.names(response.body(), "topicList") : null)
                .thenCompose(names -> names != null
                        ? CompletableFuture.completedFuture(new MqAdmin.NameSet(new TreeSet<>(names), List.of()))
                        : context.cluster().thenCompose(snapshot -> {
                            List<CompletableFuture<Map<String, Bodies.TopicConfigRow>>> parts = snapshot
                                    .masters(cluster).stream().map(master -> context.calls().ask(master,
                                            RequestCode.GET_ALL_TOPIC_CONFIG, null, null, "",
                                            response -> Bodies.topicConfigs(response.body()))).toList();
                            return Gathered.all(parts).thenApply(gathered -> new MqAdmin.NameSet(gathered.values()
                                    .stream().flatMap(configs -> configs.keySet().stream())
                                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new)), gathered.issues()));
                        }));
    }

    CompletableFuture<TopicRouteInfo> route(String topic) {
        return context.existingRoute(topic).thenApply(route -> {
            List<TopicRouteInfo.QueueGroup> queues = new ArrayList<>();
            for (QueueData data : route.queueDatas() == null ? List.<QueueData>of() : route.queueDatas()) {
                queues.add(new TopicRouteInfo.QueueGroup(data.brokerName(), data.readQueueNums(), data.writeQueueNums(),
                        data.perm()));
            }
            queues.sort(java.util.Comparator.comparing(TopicRouteInfo.QueueGroup::brokerName));
            List<TopicRouteInfo.BrokerAddresses> brokers = new ArrayList<>();
            for (BrokerData data : route.brokerDatas() == null ? List.<BrokerData>of() : route.brokerDatas()) {
                brokers.add(new TopicRouteInfo.BrokerAddresses(data.cluster(), data.brokerName(),
                        data.brokerAddrs() == null ? Map.of() : new TreeMap<>(data.brokerAddrs())));
            }
            brokers.sort(java.util.Comparator.comparing(TopicRouteInfo.BrokerAddresses::brokerName));
            return new TopicRouteInfo(topic, queues, brokers, Optional.ofNullable(route.orderTopicConf())
                    .filter(conf -> !conf.isBlank()));
        });
    }

    CompletableFuture<TopicStatus> status(String topic) {
        return context.existingRoute(topic).thenCompose(route -> {
            List<CompletableFuture<List<QueueStatus>>> parts = new ArrayList<>();
            for (Target master : AdminContext.masters(route)) {
                parts.add(context.calls().ask(master, RequestCode.GET_TOPIC_STATS_INFO, new TopicHeader(topic), null,
                        "of topic " + topic, response -> Bodies.topicStats(response.body())));
            }
            return Gathered.all(parts).thenApply(gathered -> {
                List<QueueStatus> queues = gathered.values().stream().flatMap(List::stream)
                        .sorted(java.util.Comparator.comparing(QueueStatus::queue)).toList();
                List<BrokerIssue> issues = new ArrayList<>(AdminContext.withoutMaster(route,
                        Calls.operation(RequestCode.GET_TOPIC_STATS_INFO, "of topic " + topic)));
                issues.addAll(gathered.issues());
                return new TopicStatus(topic, queues, issues);
            });
        });
    }

    CompletableFuture<WriteResult> createOrUpdate(TopicSpec spec) {
        String operation = "create or update topic " + spec.topic();
        return context.cluster().thenCompose(cluster -> {
            List<Target> targets = new ArrayList<>();
            if (!spec.brokers().isEmpty()) {
                for (String name : spec.brokers()) {
                    Target master = cluster.master(name);
                    if (master == null) {
                        throw new CompletionException(new MqClientException(operation + ": no broker named " + name
                                + " with a master is registered (known: " + cluster.brokers().keySet() + ")"));
                    }
                    targets.add(master);
                }
            } else if (spec.cluster() != null) {
                targets.addAll(cluster.masters(spec.cluster()));
                if (targets.isEmpty()) {
                    throw new CompletionException(new MqClientException(operation + ": no cluster named "
                            + spec.cluster() + " with a master is registered"));
                }
            } else {
                targets.addAll(cluster.masters());
            }
            CreateTopicHeader header = new CreateTopicHeader(spec.topic(), TopicNames.AUTO_CREATE_TEMPLATE,
                    spec.readQueues(), spec.writeQueues(), spec.perm(), "SINGLE_TAG", 0, spec.order(), null, null);
            return write(operation, targets, target -> context.calls().ask(target, RequestCode.UPDATE_AND_CREATE_TOPIC,
                    header, null, spec.topic(), response -> target.broker()));
        });
    }

    CompletableFuture<WriteResult> delete(String topic) {
        String operation = "delete topic " + topic;
        return context.existingRoute(topic).thenCompose(route -> write(operation, AdminContext.masters(route),
                target -> context.calls().ask(target, RequestCode.DELETE_TOPIC_IN_BROKER, new TopicHeader(topic), null,
                        topic, response -> target.broker()))
                .thenCompose(brokers -> {
                    List<Target> namesrvs = context.calls().namesrvAddresses().stream()
                            .map(address -> new Target(Target.NAME_SERVER, address)).toList();
                    return write(operation, namesrvs, target -> context.calls().ask(target,
                            RequestCode.DELETE_TOPIC_IN_NAMESRV, new DeleteTopicFromNamesrvHeader(topic, null), null,
                            topic, response -> Target.NAME_SERVER + " " + target.address()))
                            .thenApply(namesrv -> {
                                List<String> applied = new ArrayList<>(brokers.applied());
                                applied.addAll(namesrv.applied());
                                List<BrokerIssue> issues = new ArrayList<>(brokers.issues());
                                issues.addAll(namesrv.issues());
                                return new WriteResult(operation, applied, issues);
                            });
                }));
    }

    CompletableFuture<MqAdmin.NameSet> consumerGroupsOf(String topic) {
        return context.existingRoute(topic).thenCompose(route -> {
            List<CompletableFuture<Set<String>>> parts = new ArrayList<>();
            for (Target master : AdminContext.masters(route)) {
                parts.add(context.calls().ask(master, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, new TopicHeader(topic), null,
                        "of topic " + topic, response -> Bodies.names(response.body(), "groupList")));
            }
            return Gathered.all(parts).thenApply(gathered -> new MqAdmin.NameSet(
                    gathered.values().stream().flatMap(Set::stream).collect(java.util.stream.Collectors.toCollection(
                            TreeSet::new)), gathered.issues()));
        });
    }

    /** Sends one change to every target at once; gathers where it applied and where not. */
    static CompletableFuture<WriteResult> write(String operation, List<Target> targets,
                                                java.util.function.Function<Target, CompletableFuture<String>> send) {
        List<CompletableFuture<String>> parts = targets.stream().map(send).toList();
        return Gathered.all(parts, (index, error) -> CallFailed.issueOf(error, targets.get(index).broker(),
                        targets.get(index).address(), operation))
                .thenApply(gathered -> new WriteResult(operation, gathered.values(), gathered.issues()));
    }
}
