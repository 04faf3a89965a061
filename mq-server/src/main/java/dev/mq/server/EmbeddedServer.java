package dev.mq.server;

import dev.mq.server.broker.Broker;
import dev.mq.server.config.BrokerProperties;
import dev.mq.server.config.NamesrvProperties;
import dev.mq.server.config.ServerProperties;
import dev.mq.server.config.StoreProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A name server and a broker in this JVM, for tests and tools: free loopback ports, a temporary
 * data directory (deleted on {@link #close()}), no web server. Settings are the server's own
 * {@code mq.*} properties, bound and validated exactly as {@code java -jar mq-server.jar} binds them,
 * so a bad value fails {@link Builder#start()} naming the property.
 *
 * <pre>{@code
 * try (EmbeddedServer server = EmbeddedServer.builder().property("mq.broker.auto-create-topic", "false").start()) {
 *     String namesrv = server.namesrvAddress(); // 127.0.0.1:port
 * }
 * }</pre>
 *
 * <p>A second broker joins the first one's name server with {@code property("mq.server.roles", "broker")}
 * and {@code property("mq.broker.namesrv-addr", first.namesrvAddress())}.
 */
public final class EmbeddedServer implements AutoCloseable {

    private final Map<String, String> properties;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private MqServer server;

    private EmbeddedServer(Map<String, String> properties, Path dataDir, boolean ownsDataDir) {
        this.properties = properties;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    /** A builder with test defaults: ports 0 (free ones), advertised address 127.0.0.1, a temporary data directory. */
    public static Builder builder() {
        return new Builder();
    }

    private void startServer() {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        MqServer started = new MqServer(
                binder.bindOrCreate("mq.server", Bindable.of(ServerProperties.class)),
                binder.bindOrCreate("mq.namesrv", Bindable.of(NamesrvProperties.class)),
                binder.bindOrCreate("mq.broker", Bindable.of(BrokerProperties.class)),
                binder.bindOrCreate("mq.store", Bindable.of(StoreProperties.class)));
        started.start();
        server = started;
    }

    /** {@code 127.0.0.1:port} of the name server. */
    public String namesrvAddress() {
        if (server.nameServer() == null) {
            throw new IllegalStateException("this server runs no name server (mq.server.roles)");
        }
        return "127.0.0.1:" + server.nameServer().port();
    }

    /** {@code host:port} of the broker as routes publish it. */
    public String brokerAddress() {
        return broker().address();
    }

    /** The running broker. */
    public Broker broker() {
        if (server.broker() == null) {
            throw new IllegalStateException("this server runs no broker (mq.server.roles)");
        }
        return server.broker();
    }

    /**
     * Creates {@code topic} with {@code queues} read and write queues on the broker and returns once
     * the name server routes it.
     *
     * @throws IllegalArgumentException if the name cannot be sent to or the queue count is not 1..1024
     */
    public void createTopic(String topic, int queues) {
        broker().createTopic(topic, queues);
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Stops the broker gracefully (unregister, flush, checkpoint) and the name server, then starts
     * both again on the same data directory and the same ports.
     */
    public synchronized void restart() {
        int namesrvPort = server.nameServer() == null ? 0 : server.nameServer().port();
        int brokerPort = server.broker() == null ? 0 : server.broker().port();
        server.stop();
        if (namesrvPort != 0) {
            properties.put("mq.namesrv.port", Integer.toString(namesrvPort));
        }
        if (brokerPort != 0) {
            properties.put("mq.broker.port", Integer.toString(brokerPort));
        }
        startServer();
    }

    /** Stops broker and name server; deletes the data directory if the builder created it. Idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } finally {
            server = null;
            if (ownsDataDir) {
                deleteTree(dataDir);
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the embedded server's data directory " + root, e);
        }
    }

    /** Collects {@code mq.*} properties; {@link #start()} binds and starts. */
    public static final class Builder {

        private final Map<String, String> properties = new LinkedHashMap<>();
        private Path dataDir;

        private Builder() {
            properties.put("mq.namesrv.port", "0");
            properties.put("mq.broker.port", "0");
            properties.put("mq.broker.advertised-address", "127.0.0.1");
        }

        /** Sets one server property, e.g. {@code mq.broker.auto-create-topic=false}. */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Keeps data in {@code dir} (left in place on close) instead of a temporary directory. */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Binds the properties and starts the name server and the broker.
         *
         * @throws RuntimeException naming the property when a setting is invalid, or when a port or the data directory
         *                          cannot be used
         */
        public EmbeddedServer start() {
            boolean temporary = dataDir == null;
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("mq-embedded-") : dataDir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary data directory", e);
            }
            Map<String, String> bound = new LinkedHashMap<>(properties);
            bound.put("mq.server.data-dir", dir.toString());
            EmbeddedServer server = new EmbeddedServer(bound, dir, temporary);
            try {
                server.startServer();
            } catch (RuntimeException | Error e) {
                if (temporary) {
                    try {
                        deleteTree(dir);
                    } catch (UncheckedIOException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                }
                throw e;
            }
            return server;
        }
    }
}
