package dev.mq.test;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.List;
import java.util.Map;

/**
 * Starts the embedded server of an {@link EmbeddedMq} test before its context refreshes, puts its
 * addresses first in the context's environment, and stops it when the context closes. Equal for
 * equal attributes, so Spring's context cache shares one server between such test classes.
 *
 * <p>The server is a disposable singleton registered before any of the application's beans exists,
 * so the bean factory destroys it last: after the lifecycle beans stopped (listeners leave their
 * groups and commit offsets) and after every other bean's destroy callback (clients close their
 * connections), all of which may still talk to the server. It is also destroyed when the refresh
 * fails, which publishes no {@code ContextClosedEvent}.
 */
final class EmbeddedMqContextCustomizer implements ContextCustomizer {

    /** The name of the property source that carries the server's addresses. */
    static final String PROPERTY_SOURCE = "embeddedMq";

    /** The name of the server's singleton bean. */
    static final String SERVER_BEAN = "embeddedMqServer";

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
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (!(beanFactory instanceof DefaultSingletonBeanRegistry registry)) {
            server.close();
            throw new IllegalStateException("@EmbeddedMq needs a context whose bean factory can destroy the server "
                    + "after the application's beans (a DefaultSingletonBeanRegistry), got "
                    + beanFactory.getClass().getName());
        }
        beanFactory.registerSingleton(SERVER_BEAN, server);
        registry.registerDisposableBean(SERVER_BEAN, server::close);
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
