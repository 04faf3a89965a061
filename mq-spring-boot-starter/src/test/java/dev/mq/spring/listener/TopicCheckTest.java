package dev.mq.spring.listener;

import dev.mq.spring.annotation.MqListener;
import dev.mq.spring.autoconfigure.MqAutoConfiguration;
import dev.mq.spring.autoconfigure.MqIdempotencyAutoConfiguration;
import dev.mq.spring.autoconfigure.MqListenerAutoConfiguration;
import dev.mq.test.EmbeddedMqExtension;
import dev.mq.test.EmbeddedMqServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** A listener of a topic that does not exist, on brokers that do not create topics, stops the start. */
class TopicCheckTest {

    @RegisterExtension
    static final EmbeddedMqExtension MQ = EmbeddedMqExtension.withTopics("Existing").withoutAutoCreatedTopics();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MqAutoConfiguration.class, MqIdempotencyAutoConfiguration.class,
                    MqListenerAutoConfiguration.class));

    static class Missing {
        @MqListener(topic = "Misspelt", group = "checked-readers")
        void on(String body) {
        }
    }

    static class Present {
        @MqListener(topic = "Existing", group = "checked-readers")
        void on(String body) {
        }
    }

    @Test
    void aMissingTopicStopsTheStartNamingTheListener(EmbeddedMqServer server) {
        runner.withBean("orders", Missing.class).withPropertyValues("mq.namesrv=" + server.namesrvAddress())
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("bean 'orders' method Missing.on(String)")
                        .hasStackTraceContaining("topic 'Misspelt', which does not exist")
                        .hasStackTraceContaining("autoCreateTopicEnable=false"));
    }

    @Test
    void anExistingTopicStarts(EmbeddedMqServer server) {
        runner.withBean("orders", Present.class).withPropertyValues("mq.namesrv=" + server.namesrvAddress())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MqListenerEndpointRegistry.class).isRunning("orders.on")).isTrue();
                });
    }

    @Test
    void theCheckCanBeSwitchedOff(EmbeddedMqServer server) {
        runner.withBean("orders", Missing.class).withPropertyValues("mq.namesrv=" + server.namesrvAddress(),
                "mq.listener.check-topics=false").run(context -> assertThat(context).hasNotFailed());
    }
}
