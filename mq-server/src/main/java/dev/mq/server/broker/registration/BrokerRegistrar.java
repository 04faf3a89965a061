package dev.mq.server.broker.registration;

import dev.mq.lifecycle.PeriodicService;
import dev.mq.message.record.RecordEncoder;
import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.RegisterBrokerHeader;
import dev.mq.protocol.header.UnregisterBrokerHeader;
import dev.mq.server.broker.state.TopicTable;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Registers the broker and its topics with every configured name server: the whole table at
 * start and every {@code interval}, and only the topics changed since the previous registration
 * promptly after a change ({@link #registerSoon()}), as Apache brokers do after a topic create.
 * A deletion sends the whole table again (our name server then drops the deleted topic's route).
 * No body exceeds {@code maxBodyBytes}: a larger table goes in several registrations
 * ({@link RegistrationBodies}). Owns one thread.
 */
public final class BrokerRegistrar implements AutoCloseable {

    /**
     * The largest registration body: half of the 16 MiB frame limit of Apache's and our name
     * servers (and clients), leaving room for the header and for a name server configured lower.
     */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

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
    private final Clock clock;
    private final long intervalMillis;
    private final int maxBodyBytes;
    private final PeriodicService service;
    private final AtomicLong registrations = new AtomicLong();
    private final AtomicLong bodyBytes = new AtomicLong();
    private volatile long lastCompleteMillis = Long.MIN_VALUE / 2;

    public BrokerRegistrar(Identity identity, TopicTable topics, List<String> nameServers, Duration interval,
                           RemotingClient client, Clock clock) {
        this(identity, topics, nameServers, interval, client, clock, DEFAULT_MAX_BODY_BYTES);
    }

    BrokerRegistrar(Identity identity, TopicTable topics, List<String> nameServers, Duration interval,
                    RemotingClient client, Clock clock, int maxBodyBytes) {
        this.identity = identity;
        this.topics = topics;
        this.nameServers = nameServers;
        this.client = client;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
        this.maxBodyBytes = maxBodyBytes;
        this.service = new PeriodicService("mq-broker-registrar", interval, this::registerDue,
                e -> LOG.log(Level.ERROR, "registration with the name servers failed", e));
    }

    /** Registers once now (so routes exist when start returns), then periodically. */
    public void start() {
        registerComplete();
        service.start();
    }

    /** Registers the whole table with every name server now, on the calling thread, and returns when all have answered. */
    public void registerNow() {
        registerComplete();
    }

    /** Asks for a registration of the changed topics soon; repeated requests before it runs collapse into one. */
    public void registerSoon() {
        service.runSoon();
    }

    /** REGISTER_BROKER requests sent (each name server counts), and the bytes of their bodies. */
    public long registrations() {
        return registrations.get();
    }

    /** The bytes of all registration bodies sent. */
    public long bodyBytes() {
        return bodyBytes.get();
    }

    /** The periodic run or a {@link #registerSoon()}: the whole table when due or after a deletion, else the changes. */
    private void registerDue() {
        if (clock.millis() - lastCompleteMillis >= intervalMillis) {
            registerComplete();
            return;
        }
        TopicTable.Changes changes = topics.takeChanges();
        if (changes.anyDeleted()) {
            registerComplete();
        } else if (!changes.changed().isEmpty()) {
            send(RegistrationBodies.split(changes.changed(), changes.version(), false, maxBodyBytes));
        }
    }

    private void registerComplete() {
        lastCompleteMillis = clock.millis();
        TopicTable.Changes table = topics.takeAll();
        List<RegistrationBodies.Part> parts = RegistrationBodies.split(table.changed(), table.version(), true,
                maxBodyBytes);
        if (parts.size() > 1) {
            LOG.log(Level.INFO, "the {0} topics are registered in {1} parts of at most {2} bytes; a deleted topic "
                    + "leaves the routes by the admin''s DELETE_TOPIC_IN_NAMESRV", table.changed().size(),
                    parts.size(), maxBodyBytes);
        }
        send(parts);
    }

    private void send(List<RegistrationBodies.Part> parts) {
        for (RegistrationBodies.Part part : parts) {
            byte[] body = part.body();
            RegisterBrokerHeader header = new RegisterBrokerHeader(identity.brokerName(), identity.address(),
                    identity.cluster(), identity.address(), MASTER_ID, false,
                    RecordEncoder.bodyCrc(body, 0, body.length), null, null, null, part.complete() ? Boolean.TRUE : null);
            for (String nameServer : nameServers) {
                RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER);
                header.writeTo(request);
                request.setBody(body);
                registrations.incrementAndGet();
                bodyBytes.addAndGet(body.length);
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
