package dev.mq.client.internal.admin;

import dev.mq.client.MqClientException;
import dev.mq.client.admin.BrokerIssue;
import dev.mq.client.internal.ClientCore;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.BrokerData;
import dev.mq.protocol.body.QueueData;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicRouteData;
import dev.mq.protocol.header.GetRouteInfoHeader;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What every admin operation needs: the client core, the calls with this admin's timeout, and fresh
 * looks at the cluster and at topic routes, asked of the name server each time (the console wants the
 * state now; the client's route cache is left alone). Thread-safe.
 */
final class AdminContext {

    /** In-flight requests of one operation's large fan-outs (one request per topic or queue). */
    static final int FAN_OUT_LIMIT = 256;

    private final ClientCore core;
    private final Calls calls;
    private final Clock clock;

    AdminContext(ClientCore core, Calls calls, Clock clock) {
        this.core = core;
        this.calls = calls;
        this.clock = clock;
    }

    ClientCore core() {
        return core;
    }

    Calls calls() {
        return calls;
    }

    Clock clock() {
        return clock;
    }

    /** Fails when the client is closed. */
    void ensureOpen() {
        core.ensureOpen();
    }

    /** The clusters and brokers now (GET_BROKER_CLUSTER_INFO). */
    CompletableFuture<ClusterSnapshot> cluster() {
        return calls.askNamesrv(RequestCode.GET_BROKER_CLUSTER_INFO, null, "",
                response -> ClusterSnapshot.read(response.body()));
    }

    /**
     * A topic's route now, or null when the name server does not know the topic.
     */
    CompletableFuture<TopicRouteData> route(String topic) {
        return calls.askNamesrv(RequestCode.GET_ROUTEINFO_BY_TOPIC, new GetRouteInfoHeader(topic, Boolean.TRUE),
                "of topic " + topic, code -> code == ResponseCode.SUCCESS || code == ResponseCode.TOPIC_NOT_EXIST,
                response -> response.code() == ResponseCode.TOPIC_NOT_EXIST || response.body() == null ? null
                        : RemotingJson.decode(response.body(), TopicRouteData.class));
    }

    /** A topic's route; fails with {@link MqClientException} when the topic does not exist. */
    CompletableFuture<TopicRouteData> existingRoute(String topic) {
        return route(topic).thenApply(route -> {
            if (route == null) {
                throw new CompletionException(new MqClientException("topic " + topic
                        + " does not exist (the name server has no route for it)"));
            }
            return route;
        });
    }

    /** The master of each broker holding queues of the route, by broker name. */
    static List<Target> masters(TopicRouteData route) {
        Map<String, String> masters = new TreeMap<>();
        if (route.brokerDatas() != null) {
            for (BrokerData broker : route.brokerDatas()) {
                String master = broker.brokerAddrs() == null ? null : broker.brokerAddrs().get(0L);
                if (master != null) {
                    masters.put(broker.brokerName(), master);
                }
            }
        }
        List<Target> targets = new ArrayList<>();
        if (route.queueDatas() != null) {
            for (QueueData queues : route.queueDatas()) {
                String master = masters.get(queues.brokerName());
                if (master != null && targets.stream().noneMatch(t -> t.broker().equals(queues.brokerName()))) {
                    targets.add(new Target(queues.brokerName(), master));
                }
            }
        }
        targets.sort(java.util.Comparator.comparing(Target::broker));
        return targets;
    }

    /** The brokers of the route that hold queues but have no master now: they cannot be asked. */
    static List<BrokerIssue> withoutMaster(TopicRouteData route, String operation) {
        List<Target> masters = masters(route);
        List<BrokerIssue> issues = new ArrayList<>();
        if (route.queueDatas() != null) {
            for (QueueData queues : route.queueDatas()) {
                if (masters.stream().noneMatch(t -> t.broker().equals(queues.brokerName()))) {
                    issues.add(new BrokerIssue(queues.brokerName(), null, operation, BrokerIssue.Kind.UNREACHABLE,
                            "the route lists no master for this broker"));
                }
            }
        }
        return issues;
    }

    /**
     * Issues with the same broker, kind and request name merged into one that counts them ("and 41
     * more"), so that a broker failing a request per topic shows as one line.
     */
    static List<BrokerIssue> collapse(List<BrokerIssue> issues) {
        Map<String, List<BrokerIssue>> byKey = new LinkedHashMap<>();
        for (BrokerIssue issue : issues) {
            String request = issue.operation().split(" ", 2)[0];
            byKey.computeIfAbsent(issue.broker() + "|" + issue.kind() + "|" + request, k -> new ArrayList<>()).add(issue);
        }
        List<BrokerIssue> collapsed = new ArrayList<>();
        for (List<BrokerIssue> same : byKey.values()) {
            BrokerIssue first = same.get(0);
            collapsed.add(same.size() == 1 ? first : new BrokerIssue(first.broker(), first.address(), first.operation()
                    + " (and " + (same.size() - 1) + " more like it)", first.kind(), first.detail()));
        }
        return collapsed;
    }
}
