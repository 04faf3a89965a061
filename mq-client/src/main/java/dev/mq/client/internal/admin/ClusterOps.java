package dev.mq.client.internal.admin;

import dev.mq.client.MqClientException;
import dev.mq.client.admin.BrokerInfo;
import dev.mq.client.admin.BrokerRuntimeStats;
import dev.mq.client.admin.BrokerStatsSnapshot;
import dev.mq.client.admin.ClusterOverview;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.header.ViewBrokerStatsDataHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Clusters and brokers: the overview with runtime figures, a broker's configuration and statistics. */
final class ClusterOps {

    private final AdminContext context;

    ClusterOps(AdminContext context) {
        this.context = context;
    }

    /** The cluster view, then GET_BROKER_RUNTIME_INFO of every broker process at once. */
    CompletableFuture<ClusterOverview> overview() {
        return context.cluster().thenCompose(cluster -> {
            record Member(ClusterSnapshot.Broker broker, long id, String address) {
            }
            List<Member> members = new ArrayList<>();
            List<CompletableFuture<BrokerRuntimeStats>> runtimes = new ArrayList<>();
            for (ClusterSnapshot.Broker broker : cluster.brokers().values()) {
                for (Map.Entry<Long, String> member : broker.members().entrySet()) {
                    members.add(new Member(broker, member.getKey(), member.getValue()));
                    runtimes.add(context.calls().ask(new Target(broker.name(), member.getValue()),
                            RequestCode.GET_BROKER_RUNTIME_INFO, null, null, "", response -> Bodies.runtime(response.body())));
                }
            }
            return Gathered.all(new ArrayList<>(runtimes)).thenApply(gathered -> {
                List<BrokerInfo> brokers = new ArrayList<>();
                for (int i = 0; i < members.size(); i++) {
                    Member member = members.get(i);
                    CompletableFuture<BrokerRuntimeStats> runtime = runtimes.get(i); // settled: gathered
                    brokers.add(new BrokerInfo(member.broker().cluster(), member.broker().name(), member.id(),
                            member.address(), runtime.isCompletedExceptionally() ? Optional.empty()
                            : Optional.of(runtime.join())));
                }
                brokers.sort(java.util.Comparator.comparing(BrokerInfo::cluster).thenComparing(BrokerInfo::name)
                        .thenComparingLong(BrokerInfo::brokerId));
                return new ClusterOverview(brokers, gathered.issues());
            });
        });
    }

    /** GET_BROKER_CONFIG of a broker's master. */
    CompletableFuture<Map<String, String>> config(String brokerName) {
        return master(brokerName).thenCompose(target -> context.calls().ask(target, RequestCode.GET_BROKER_CONFIG, null,
                null, "", response -> Bodies.properties(response.body())));
    }

    /** VIEW_BROKER_STATS_DATA of a broker's master. */
    CompletableFuture<BrokerStatsSnapshot> stats(String brokerName, String statsName, String statsKey) {
        return master(brokerName).thenCompose(target -> context.calls().ask(target, RequestCode.VIEW_BROKER_STATS_DATA,
                new ViewBrokerStatsDataHeader(statsName, statsKey), null, statsName + " of " + statsKey,
                response -> Bodies.brokerStats(response.body(), brokerName, statsName, statsKey)));
    }

    private CompletableFuture<Target> master(String brokerName) {
        return context.cluster().thenApply(cluster -> {
            Target master = cluster.master(brokerName);
            if (master == null) {
                throw new CompletionException(new MqClientException("no broker named " + brokerName
                        + " with a master is registered at the name server (known: " + cluster.brokers().keySet() + ")"));
            }
            return master;
        });
    }
}
