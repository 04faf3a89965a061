package dev.mq.server.broker.registration;

import dev.mq.lifecycle.PeriodicService;
import dev.mq.message.record.RecordEncoder;
import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.RegisterBrokerBody;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.header.RegisterBrokerHeader;
import dev.mq.protocol.header.UnregisterBrokerHeader;
import dev.mq.server.broker.state.TopicTable;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * Registers the broker and its topics with every configured name server: at start, every
 * {@code interval}, and promptly after a topic change ({@link #registerSoon()}). Owns one thread.
 */
public final class BrokerRegistrar implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BrokerRegistrar.class.getName());
    private static final long TIMEOUT_MILLIS = 6_000;
    private static final long MASTER_ID = 0L;

    /**
     * Who registers.
     *
     * @param brokerName this broker's name
     * @param cluster    its cluster
     * @param address    {@code host:port} as clients connect to it
     */
    public record Identity(String brokerName, String cluster, String address) {
    }

    private final Identity identity;
    private final TopicTable topics;
    private final List<String> nameServers;
    private final RemotingClient client;
    private final PeriodicService service;

    public BrokerRegistrar(Identity identity, TopicTable topics, List<String> nameServers, Duration interval,
                           RemotingClient client) {
        this.identity = identity;
        this.topics = topics;
        this.nameServers = nameServers;
        this.client = client;
        this.service = new PeriodicService("mq-broker-registrar", interval, this::registerAll,
                e -> LOG.log(Level.ERROR, "registration with the name servers failed", e));
    }

    /** Registers once now (so routes exist when start returns), then periodically. */
    public void start() {
        registerAll();
        service.start();
    }

    /** Registers with every name server now, on the calling thread, and returns when all have answered. */
    public void registerNow() {
        registerAll();
    }

    /** Asks for a registration soon; repeated requests before it runs collapse into one. */
    public void registerSoon() {
        service.runSoon();
    }

    private void registerAll() {
        byte[] body = RemotingJson.encode(new RegisterBrokerBody(
                new RegisterBrokerBody.TopicConfigWrapper(topics.all(), topics.dataVersion()), List.of()));
        RegisterBrokerHeader header = new RegisterBrokerHeader(identity.brokerName(), identity.address(),
                identity.cluster(), identity.address(), MASTER_ID, false, RecordEncoder.bodyCrc(body, 0, body.length),
                null, null, null);
        for (String nameServer : nameServers) {
            RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER);
            header.writeTo(request);
            request.setBody(body);
            try {
                RemotingCommand response = client.invokeSync(nameServer, request, TIMEOUT_MILLIS);
                if (response.code() != ResponseCode.SUCCESS) {
                    LOG.log(Level.WARNING, "name server {0} refused the registration: {1} {2}", nameServer,
                            response.code(), response.remark());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot register with name server {0}: {1}", nameServer, e.toString());
            }
        }
    }

    private void unregisterAll() {
        UnregisterBrokerHeader header = new UnregisterBrokerHeader(identity.brokerName(), identity.address(),
                identity.cluster(), MASTER_ID);
        for (String nameServer : nameServers) {
            RemotingCommand request = RemotingCommand.request(RequestCode.UNREGISTER_BROKER);
            header.writeTo(request);
            try {
                client.invokeSync(nameServer, request, TIMEOUT_MILLIS);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot unregister from name server {0}: {1}", nameServer, e.toString());
            }
        }
    }

    /** Stops the periodic registration and unregisters from every name server. */
    @Override
    public void close() {
        service.close();
        unregisterAll();
    }
}
