package dev.mq.test;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.List;
import java.util.Map;

/**
 * Starts the embedded server of an {@link EmbeddedMq} test before its context refreshes, puts its
 * addresses first in the context's environment, and stops it when the context closes. Equal for
 * equal attributes, so Spring's context cache shares one server between such test classes.
 */
final class EmbeddedMqContextCustomizer implements ContextCustomizer {

    /** The name of the property source that carries the server's addresses. */
    static final String PROPERTY_SOURCE = "embeddedMq";

    private final List<String> topics;
    private final int queues;
    private final boolean autoCreateTopics;
    private final List<String> properties;

    EmbeddedMqContextCustomizer(EmbeddedMq annotation) {
        this.topics = List.of(annotation.topics());
        this.queues = annotation.queues();
        this.autoCreateTopics = annotation.autoCreateTopics();
        this.properties = List.of(annotation.properties());
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
        EmbeddedMqServer server = EmbeddedMqServer.start(topics, queues, autoCreateTopics, properties);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(
                "mq.namesrv", server.namesrvAddress(),
                "mq.test.broker-address", server.brokerAddress())));
        context.getBeanFactory().registerSingleton("embeddedMqServer", server);
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
            if (event.getApplicationContext() == context) {
                server.close();
            }
        });
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddedMqContextCustomizer that && queues == that.queues
                && autoCreateTopics == that.autoCreateTopics && topics.equals(that.topics)
                && properties.equals(that.properties);
    }

    @Override
    public int hashCode() {
        return ((topics.hashCode() * 31 + queues) * 31 + Boolean.hashCode(autoCreateTopics)) * 31
                + properties.hashCode();
    }
}
