package dev.mq.server.namesrv;

import dev.mq.lifecycle.PeriodicService;
import dev.mq.message.record.RecordEncoder;
import dev.mq.protocol.Connection;
import dev.mq.protocol.ConnectionListener;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingServer;
import dev.mq.protocol.RemotingServerConfig;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.RegisterBrokerBody;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicList;
import dev.mq.protocol.body.TopicRouteData;
import dev.mq.protocol.header.DeleteTopicFromNamesrvHeader;
import dev.mq.protocol.header.GetKvConfigHeader;
import dev.mq.protocol.header.GetKvListByNamespaceHeader;
import dev.mq.protocol.header.GetTopicsByClusterHeader;
import dev.mq.protocol.header.GetRouteInfoHeader;
import dev.mq.protocol.header.RegisterBrokerHeader;
import dev.mq.protocol.header.UnregisterBrokerHeader;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The name server: brokers register their topics here and clients ask it for topic routes.
 * Owns its remoting server and one thread that expires brokers that went silent.
 */
public final class NameServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NameServer.class.getName());

    private final RouteTable routes = new RouteTable();
    private final RemotingServer server;
    private final Clock clock;
    private final Duration brokerExpiry;
    private final PeriodicService expiry;

    public NameServer(int port, Duration brokerExpiry, Duration scanInterval, Clock clock) {
        this.clock = clock;
        this.brokerExpiry = brokerExpiry;
        this.server = new RemotingServer(RemotingServerConfig.of(port));
        this.expiry = new PeriodicService("mq-namesrv-expiry", scanInterval, this::expireSilentBrokers,
                e -> LOG.log(Level.ERROR, "expiring silent brokers failed", e));
        server.registerProcessor(RequestCode.REGISTER_BROKER, this::registerBroker, null);
        server.registerProcessor(RequestCode.UNREGISTER_BROKER, this::unregisterBroker, null);
        server.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, this::routeInfo, null);
        server.registerProcessor(RequestCode.GET_BROKER_CLUSTER_INFO, this::clusterInfo, null);
        server.registerProcessor(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, this::topicList, null);
        server.registerProcessor(RequestCode.DELETE_TOPIC_IN_NAMESRV, this::deleteTopic, null);
        server.registerProcessor(RequestCode.GET_KV_CONFIG, this::kvConfig, null);
        server.registerProcessor(RequestCode.GET_KVLIST_BY_NAMESPACE, this::kvList, null);
        server.registerProcessor(RequestCode.GET_TOPICS_BY_CLUSTER, this::topicsOfCluster, null);
        server.registerProcessor(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, this::systemTopics, null);
        server.addConnectionListener(new ConnectionListener() {
            @Override
            public void onClosed(Connection connection) {
                List<String> gone = routes.unregisterConnection(connection);
                if (!gone.isEmpty()) {
                    LOG.log(Level.INFO, "brokers {0} unregistered: their connection closed", gone);
                }
            }
        });
    }

    /** Binds the port and starts expiring silent brokers. */
    public void start() {
        server.start();
        expiry.start();
        LOG.log(Level.INFO, "name server listening on port {0}", Integer.toString(server.port()));
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.port();
    }

    public RouteTable routes() {
        return routes;
    }

    private void expireSilentBrokers() {
        List<String> gone = routes.expire(clock.millis(), brokerExpiry.toMillis());
        if (!gone.isEmpty()) {
            LOG.log(Level.WARNING, "brokers {0} expired: no registration for {1}", gone, brokerExpiry);
        }
    }

    private CompletableFuture<RemotingCommand> registerBroker(Connection connection, RemotingCommand request) {
        RegisterBrokerHeader header = RegisterBrokerHeader.read(request);
        if (header.compressed()) {
            return reply(request, ResponseCode.SYSTEM_ERROR, "compressed broker registration is not supported; "
                    + "register with compressed=false");
        }
        Integer crc = header.bodyCrc32();
        byte[] body = request.body();
        if (crc != null && crc != 0 && body != null && RecordEncoder.bodyCrc(body, 0, body.length) != crc) {
            return reply(request, ResponseCode.SYSTEM_ERROR, "the registration body does not match its bodyCrc32");
        }
        RegisterBrokerBody registration = RemotingJson.decode(body, RegisterBrokerBody.class);
        routes.register(header.clusterName(), header.brokerName(), header.brokerId(), header.brokerAddr(),
                registration.topicConfigSerializeWrapper() == null ? java.util.Map.of()
                        : registration.topicConfigSerializeWrapper().topicConfigTable(),
                header.isCompleteTopicTable(), connection, clock.millis());
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        return CompletableFuture.completedFuture(response);
    }

    private CompletableFuture<RemotingCommand> unregisterBroker(Connection connection, RemotingCommand request) {
        routes.unregister(UnregisterBrokerHeader.read(request).brokerAddr());
        return reply(request, ResponseCode.SUCCESS, null);
    }

    private CompletableFuture<RemotingCommand> routeInfo(Connection connection, RemotingCommand request) {
        String topic = GetRouteInfoHeader.read(request).topic();
        TopicRouteData route = routes.route(topic);
        if (route == null) {
            return reply(request, ResponseCode.TOPIC_NOT_EXIST,
                    "No topic route info in name server for the topic: " + topic);
        }
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(RemotingJson.encode(route));
        return CompletableFuture.completedFuture(response);
    }

    private CompletableFuture<RemotingCommand> clusterInfo(Connection connection, RemotingCommand request) {
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(RemotingJson.encode(routes.clusterInfo()));
        return CompletableFuture.completedFuture(response);
    }

    private CompletableFuture<RemotingCommand> topicList(Connection connection, RemotingCommand request) {
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(RemotingJson.encode(new TopicList(routes.topics(), null)));
        return CompletableFuture.completedFuture(response);
    }

    private CompletableFuture<RemotingCommand> deleteTopic(Connection connection, RemotingCommand request) {
        DeleteTopicFromNamesrvHeader header = DeleteTopicFromNamesrvHeader.read(request);
        routes.deleteTopic(header.topic(), header.clusterName());
        return reply(request, ResponseCode.SUCCESS, null);
    }

    private CompletableFuture<RemotingCommand> kvConfig(Connection connection, RemotingCommand request) {
        GetKvConfigHeader header = GetKvConfigHeader.read(request);
        return reply(request, ResponseCode.QUERY_NOT_FOUND, "No config item, Namespace: " + header.namespace()
                + " Key: " + header.key());
    }

    /** This name server keeps no key/value configuration: every namespace is empty. */
    private CompletableFuture<RemotingCommand> kvList(Connection connection, RemotingCommand request) {
        GetKvListByNamespaceHeader.read(request);
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(RemotingJson.encode(java.util.Map.of("table", java.util.Map.of())));
        return CompletableFuture.completedFuture(response);
    }

    private CompletableFuture<RemotingCommand> topicsOfCluster(Connection connection, RemotingCommand request) {
        String cluster = GetTopicsByClusterHeader.read(request).cluster();
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(RemotingJson.encode(new TopicList(routes.topicsOfCluster(cluster), null)));
        return CompletableFuture.completedFuture(response);
    }

    private CompletableFuture<RemotingCommand> systemTopics(Connection connection, RemotingCommand request) {
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(RemotingJson.encode(routes.systemTopics()));
        return CompletableFuture.completedFuture(response);
    }

    private static CompletableFuture<RemotingCommand> reply(RemotingCommand request, int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, code, remark));
    }


    @Override
    public void close() {
        expiry.close();
        server.close();
    }

}
