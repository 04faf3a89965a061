package dev.mq.test;

import dev.mq.server.EmbeddedServer;

import java.util.List;
import java.util.Objects;

/**
 * A running embedded name server and broker, as tests see it: where it listens, and topics made on
 * demand. Closed by whoever started it ({@link EmbeddedMqExtension}, or the Spring context of an
 * {@link EmbeddedMq} test).
 */
public final class EmbeddedMqServer implements AutoCloseable {

    private final EmbeddedServer server;

    private EmbeddedMqServer(EmbeddedServer server) {
        this.server = server;
    }

    /**
     * Starts a server with these settings and creates the topics.
     *
     * @param properties {@code name=value} server settings
     * @throws IllegalArgumentException naming the setting when one is malformed or invalid
     */
    static EmbeddedMqServer start(List<String> topics, int queues, boolean autoCreateTopics, List<String> properties) {
        EmbeddedServer.Builder builder = EmbeddedServer.builder()
                .property("mq.broker.auto-create-topic", Boolean.toString(autoCreateTopics));
        for (String property : properties) {
            int equals = property.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("an embedded server property must be name=value, got '" + property + "'");
            }
            builder.property(property.substring(0, equals).trim(), property.substring(equals + 1).trim());
        }
        EmbeddedServer server = builder.start();
        try {
            for (String topic : topics) {
                server.createTopic(topic, queues);
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new EmbeddedMqServer(server);
    }

    /** {@code 127.0.0.1:port} of the name server: the value for {@code mq.namesrv}. */
    public String namesrvAddress() {
        return server.namesrvAddress();
    }

    /** {@code 127.0.0.1:port} of the broker. */
    public String brokerAddress() {
        return server.brokerAddress();
    }

    /** Creates {@code topic} with {@code queues} queues; it is routed when this returns. */
    public void createTopic(String topic, int queues) {
        server.createTopic(Objects.requireNonNull(topic, "topic"), queues);
    }

    /** Stops the broker and the name server and deletes the data directory. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "EmbeddedMqServer[namesrv " + namesrvAddress() + ", broker " + brokerAddress() + "]";
    }
}
