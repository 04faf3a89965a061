package dev.mq.apache.harness;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandException;
import dev.mq.protocol.RemotingException;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.BrokerData;
import dev.mq.protocol.body.ClusterInfo;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicRouteData;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Asks the name server, over our own remoting client, whether it answers and which brokers it
 * knows; and asks a starting broker to register (see {@link #nudgeRegistration}). Each question
 * returns {@code null} when the answer is the wanted one, otherwise a short description of what was
 * seen instead (for timeouts' messages).
 */
final class ClusterProbe implements AutoCloseable {

    /** The topic a broker with {@code autoCreateTopicEnable} creates and registers for auto-creation. */
    static final String AUTO_CREATE_TOPIC = "TBW102";

    private static final long REQUEST_TIMEOUT_MILLIS = 3_000;

    private final String namesrvAddress;
    private final RemotingClient client;

    ClusterProbe(String namesrvAddress) {
        this.namesrvAddress = namesrvAddress;
        this.client = new RemotingClient(new RemotingClientConfig(1, Duration.ofSeconds(1),
                RemotingClientConfig.defaults().maxFrameLength()));
    }

    /** Null once the name server answers GET_BROKER_CLUSTER_INFO. */
    String namesrvProblem() {
        try {
            RemotingCommand response = client.invokeSync(namesrvAddress,
                    RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO), REQUEST_TIMEOUT_MILLIS);
            return response.code() == ResponseCode.SUCCESS ? null : describe("cluster info", response);
        } catch (RemotingException e) {
            return "name server " + namesrvAddress + ": " + e.getMessage();
        }
    }

    /**
     * Null once the cluster info lists {@code brokerName} in {@code cluster} with {@code address} as
     * member {@code brokerId} and, if {@code withAutoCreateTopic}, the route of TBW102 names that
     * broker too (it is then ready for sends to new topics).
     */
    String registeredProblem(String cluster, String brokerName, long brokerId, String address,
                             boolean withAutoCreateTopic) {
        try {
            ClusterInfo info = clusterInfo();
            Set<String> members = info.clusterAddrTable() == null ? null : info.clusterAddrTable().get(cluster);
            if (members == null || !members.contains(brokerName)) {
                return "cluster " + cluster + " has brokers " + members;
            }
            String registered = memberAddress(info.brokerAddrTable() == null ? null
                    : info.brokerAddrTable().get(brokerName), brokerId);
            if (!address.equals(registered)) {
                return "broker " + brokerName + " member " + brokerId + " is at " + registered + ", not " + address;
            }
            return withAutoCreateTopic ? autoCreateRouteProblem(brokerName, brokerId, address) : null;
        } catch (RemotingException | RemotingCommandException e) {
            return e.getMessage();
        }
    }

    /** Null once the cluster info no longer lists {@code address} for {@code brokerName}. */
    String unregisteredProblem(String brokerName, long brokerId, String address) {
        try {
            ClusterInfo info = clusterInfo();
            String registered = memberAddress(info.brokerAddrTable() == null ? null
                    : info.brokerAddrTable().get(brokerName), brokerId);
            return address.equals(registered) ? "broker " + brokerName + " is still registered at " + address : null;
        } catch (RemotingException | RemotingCommandException e) {
            return e.getMessage();
        }
    }

    /**
     * Asks the broker to register with the name server now, by setting its {@code brokerPermission}
     * to the value it has (UPDATE_BROKER_CONFIG, as {@code mqadmin updateBrokerConfig} does; Apache
     * registers the broker after a change of that key). Failures are ignored: this only shortens a wait.
     */
    void nudgeRegistration(String brokerAddress, String brokerPermission) {
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .setBody(("brokerPermission=" + brokerPermission + "\n").getBytes(StandardCharsets.UTF_8));
        client.invokeAsync(brokerAddress, request, REQUEST_TIMEOUT_MILLIS);
    }

    private String autoCreateRouteProblem(String brokerName, long brokerId, String address) {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                .putExt("topic", AUTO_CREATE_TOPIC);
        RemotingCommand response = client.invokeSync(namesrvAddress, request, REQUEST_TIMEOUT_MILLIS);
        if (response.code() != ResponseCode.SUCCESS) {
            return describe("route of " + AUTO_CREATE_TOPIC, response);
        }
        TopicRouteData route = RemotingJson.decode(response.body(), TopicRouteData.class);
        if (route.brokerDatas() != null) {
            for (BrokerData broker : route.brokerDatas()) {
                if (brokerName.equals(broker.brokerName()) && address.equals(memberAddress(broker, brokerId))) {
                    return null;
                }
            }
        }
        return "the route of " + AUTO_CREATE_TOPIC + " does not name " + brokerName + " at " + address;
    }

    private ClusterInfo clusterInfo() {
        RemotingCommand response = client.invokeSync(namesrvAddress,
                RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO), REQUEST_TIMEOUT_MILLIS);
        if (response.code() != ResponseCode.SUCCESS) {
            throw new RemotingCommandException(describe("cluster info", response));
        }
        return RemotingJson.decode(response.body(), ClusterInfo.class);
    }

    private static String memberAddress(BrokerData broker, long brokerId) {
        if (broker == null) {
            return null;
        }
        Map<Long, String> addresses = broker.brokerAddrs();
        return addresses == null ? null : addresses.get(brokerId);
    }

    private static String describe(String what, RemotingCommand response) {
        return what + ": response code " + response.code() + " (" + response.remark() + ")";
    }

    @Override
    public void close() {
        client.close();
    }
}
