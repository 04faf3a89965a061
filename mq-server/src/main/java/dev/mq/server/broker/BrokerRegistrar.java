package dev.mq.server.broker;

import dev.mq.message.record.RecordEncoder;
import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.RegisterBrokerBody;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.server.support.DaemonThreads;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Registers the broker and its topics with every configured name server: at start, every
 * {@code interval}, and promptly after a topic change. Owns one thread.
 */
final class BrokerRegistrar implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BrokerRegistrar.class.getName());
    private static final long TIMEOUT_MILLIS = 6_000;

    private final BrokerContext broker;
    private final List<String> nameServers;
    private final Duration interval;
    private final RemotingClient client;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();

    BrokerRegistrar(BrokerContext broker, List<String> nameServers, Duration interval, RemotingClient client) {
        this.broker = broker;
        this.nameServers = nameServers;
        this.interval = interval;
        this.client = client;
        this.thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mq-broker-registrar"));
    }

    /** Registers once now (so routes exist when start returns), then periodically. */
    void start() {
        registerAll();
        thread.scheduleWithFixedDelay(this::registerAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a registration soon; repeated requests before it runs collapse into one. */
    void registerSoon() {
        if (pending.compareAndSet(false, true)) {
            thread.execute(() -> {
                pending.set(false);
                registerAll();
            });
        }
    }

    private void registerAll() {
        byte[] body = RemotingJson.encode(new RegisterBrokerBody(
                new RegisterBrokerBody.TopicConfigWrapper(broker.topics().all(), broker.topics().dataVersion()),
                List.of()));
        for (String nameServer : nameServers) {
            RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER);
            request.putExt("brokerName", broker.brokerName());
            request.putExt("brokerAddr", broker.address());
            request.putExt("clusterName", broker.cluster());
            request.putExt("haServerAddr", broker.address());
            request.putExt("brokerId", 0L);
            request.putExt("compressed", false);
            request.putExt("bodyCrc32", RecordEncoder.bodyCrc(body, 0, body.length));
            request.setBody(body);
            try {
                RemotingCommand response = client.invokeSync(nameServer, request, TIMEOUT_MILLIS);
                if (response.code() != ResponseCode.SUCCESS) {
                    LOG.log(Level.WARNING, "name server {0} refused the registration: {1} {2}", nameServer,
                            response.code(), response.remark());
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "cannot register with name server {0}: {1}", nameServer, e.toString());
            }
        }
    }

    private void unregisterAll() {
        for (String nameServer : nameServers) {
            RemotingCommand request = RemotingCommand.request(RequestCode.UNREGISTER_BROKER);
            request.putExt("brokerName", broker.brokerName());
            request.putExt("brokerAddr", broker.address());
            request.putExt("clusterName", broker.cluster());
            request.putExt("brokerId", 0L);
            try {
                client.invokeSync(nameServer, request, TIMEOUT_MILLIS);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "cannot unregister from name server {0}: {1}", nameServer, e.toString());
            }
        }
    }


    /** Stops the periodic registration and unregisters from every name server. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unregisterAll();
    }
}
