package dev.mq.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.ArrayList;
import java.util.List;

/**
 * A JUnit 5 extension that runs an embedded name server and broker for a test class without
 * Spring: started before the first test, stopped after the last, handed to test and lifecycle
 * methods that declare an {@link EmbeddedMqServer} parameter.
 *
 * <pre>{@code
 * class OrdersTest {
 *     @RegisterExtension
 *     static final EmbeddedMqExtension MQ = EmbeddedMqExtension.withTopics("Orders");
 *
 *     @Test
 *     void sends(EmbeddedMqServer server) { ... server.namesrvAddress() ... }
 * }
 * }</pre>
 *
 * <p>Registered with {@code @ExtendWith(EmbeddedMqExtension.class)} it starts a server with the
 * defaults (auto-created topics, no topic made up front).
 */
public final class EmbeddedMqExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final List<String> topics;
    private final int queues;
    private final boolean autoCreateTopics;
    private final List<String> properties;
    private EmbeddedMqServer server;

    /** The defaults: no topic made up front, topics created on first send. */
    public EmbeddedMqExtension() {
        this(List.of(), 4, true, List.of());
    }

    private EmbeddedMqExtension(List<String> topics, int queues, boolean autoCreateTopics, List<String> properties) {
        this.topics = List.copyOf(topics);
        this.queues = queues;
        this.autoCreateTopics = autoCreateTopics;
        this.properties = List.copyOf(properties);
    }

    /** An extension that creates these topics (4 queues each) before the first test. */
    public static EmbeddedMqExtension withTopics(String... topics) {
        return new EmbeddedMqExtension(List.of(topics), 4, true, List.of());
    }

    /** This extension with {@code queues} queues per topic made up front. */
    public EmbeddedMqExtension queues(int queues) {
        return new EmbeddedMqExtension(topics, queues, autoCreateTopics, properties);
    }

    /** This extension with sends to unknown topics refused ({@code mq.broker.auto-create-topic=false}). */
    public EmbeddedMqExtension withoutAutoCreatedTopics() {
        return new EmbeddedMqExtension(topics, queues, false, properties);
    }

    /** This extension with one more server setting ({@code mq.broker.delay-levels=1s,2s}, say). */
    public EmbeddedMqExtension property(String name, String value) {
        List<String> more = new ArrayList<>(properties);
        more.add(name + "=" + value);
        return new EmbeddedMqExtension(topics, queues, autoCreateTopics, more);
    }

    /** The running server (between the first and the last test of the class). */
    public EmbeddedMqServer server() {
        if (server == null) {
            throw new IllegalStateException("the embedded server runs only while the test class runs");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedMqServer.start(topics, queues, autoCreateTopics, properties);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedMqServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }
}
