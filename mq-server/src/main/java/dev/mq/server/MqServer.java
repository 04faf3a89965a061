package dev.mq.server;

import dev.mq.server.broker.Broker;
import dev.mq.server.broker.BrokerSettings;
import dev.mq.server.broker.transaction.TransactionSettings;
import dev.mq.server.config.BrokerProperties;
import dev.mq.server.config.NamesrvProperties;
import dev.mq.server.config.ServerProperties;
import dev.mq.server.config.StoreProperties;
import dev.mq.server.namesrv.NameServer;

import org.springframework.context.SmartLifecycle;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Runs the roles this process was given: the name server first, then the broker (which registers
 * with it); stops them in reverse order, so a SIGTERM unregisters the broker and flushes its store
 * before the name server goes away.
 *
 * <p>Usually started before the application context exists ({@link MessagingFirstStart}); the
 * context's lifecycle {@link #start()} is then a no-op, and its shutdown stops it.
 */
public class MqServer implements SmartLifecycle {

    /** Lifecycle phase: after ordinary beans, before the web server's graceful shutdown phases. */
    public static final int PHASE = 0;

    private final ServerProperties server;
    private final NamesrvProperties namesrvProperties;
    private final BrokerProperties brokerProperties;
    private final StoreProperties storeProperties;
    private final Clock clock;
    private volatile NameServer nameServer;
    private volatile Broker broker;
    private volatile boolean running;
    private boolean closed;

    public MqServer(ServerProperties server, NamesrvProperties namesrv, BrokerProperties broker,
                    StoreProperties store) {
        this.server = server;
        this.namesrvProperties = namesrv;
        this.brokerProperties = broker;
        this.storeProperties = store;
        this.clock = Clock.systemDefaultZone();
        if (server.runs(ServerProperties.Role.NAMESRV) && server.runs(ServerProperties.Role.BROKER)
                && namesrv.port() != 0 && namesrv.port() == broker.port()) {
            throw new IllegalArgumentException("mq.broker.port must differ from mq.namesrv.port when this process "
                    + "runs both roles, but both are " + broker.port());
        }
    }

    /**
     * Starts the name server, then the broker; all or nothing: if either fails, what was started
     * is closed again before the failure is thrown. A second call does nothing.
     */
    @Override
    public synchronized void start() {
        if (running || closed) {
            return;
        }
        try {
            if (server.runs(ServerProperties.Role.NAMESRV)) {
                nameServer = new NameServer(namesrvProperties.port(), namesrvProperties.brokerExpiry(),
                        namesrvProperties.scanInterval(), clock);
                nameServer.start();
            }
            if (server.runs(ServerProperties.Role.BROKER)) {
                broker = new Broker(brokerSettings(), host -> storeProperties.toStoreConfig(
                        server.dataDir(), host), clock);
                broker.start();
            }
        } catch (RuntimeException | Error e) {
            try {
                close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        running = true;
    }

    private BrokerSettings brokerSettings() {
        List<String> nameServers;
        if (!brokerProperties.namesrvAddr().isEmpty()) {
            nameServers = Arrays.stream(brokerProperties.namesrvAddr().split(";")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
        } else if (nameServer != null) {
            nameServers = List.of("127.0.0.1:" + nameServer.port());
        } else {
            throw new IllegalArgumentException("mq.broker.namesrv-addr must be set when mq.server.roles does not "
                    + "include namesrv (the broker needs a name server to register with)");
        }
        String advertised = brokerProperties.advertisedAddress();
        String host = advertised.isEmpty() ? defaultHost() : advertised;
        int advertisedPort = 0;
        int colon = advertised.lastIndexOf(':');
        if (colon > 0 && advertised.indexOf(':') == colon) {
            host = advertised.substring(0, colon);
            try {
                advertisedPort = Integer.parseInt(advertised.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mq.broker.advertised-address must be host or host:port but was "
                        + advertised, e);
            }
        }
        return new BrokerSettings(server.dataDir(), brokerProperties.port(), brokerProperties.name(),
                brokerProperties.cluster(), host, advertisedPort, nameServers, brokerProperties.autoCreateTopic(),
                brokerProperties.defaultTopicQueueNums(), brokerProperties.registerInterval(),
                brokerProperties.clientExpiry(), brokerProperties.lockExpiry(), brokerProperties.delayLevels(),
                new TransactionSettings(brokerProperties.transaction().timeout(),
                        brokerProperties.transaction().checkInterval(), brokerProperties.transaction().maxChecks()),
                brokerProperties.timer().maxDelay());
    }

    /** This machine's first site-local IPv4 address, else loopback (as RocketMQ brokers choose). */
    static String defaultHost() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            return "127.0.0.1";
        }
        return "127.0.0.1";
    }

    /** Stops the broker (unregister, flush, checkpoint), then the name server. Idempotent. */
    @Override
    public synchronized void stop() {
        running = false;
        close();
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            if (nameServer != null) {
                nameServer.close();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    public NameServer nameServer() {
        return nameServer;
    }

    public Broker broker() {
        return broker;
    }
}
