package dev.mq.spring.health;

import dev.mq.spring.annotation.MqListener;
import dev.mq.spring.listener.MqListenerEndpointRegistry;
import dev.mq.test.EmbeddedMq;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code mq} health indicator against a running embedded server with real listeners. */
@SpringBootTest(classes = MqHealthIndicatorTest.App.class, properties = "mq.idempotency.store=memory")
@EmbeddedMq(topics = {"HealthOrders", "HealthAudit"})
@DirtiesContext
class MqHealthIndicatorTest {

    static class Listeners {
        @MqListener(topic = "HealthOrders", group = "health-orders", id = "orders")
        void orders(String body) {
        }

        @MqListener(topic = "HealthAudit", group = "health-audit", id = "audit", autoStartup = "false")
        void audit(String body) {
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    static class App {
    }

    @Autowired
    MqHealthIndicator indicator;

    @Autowired
    MqListenerEndpointRegistry registry;

    @Test
    void upWithTheBrokerAndTheListenersThenDownWhileAListenerThatShouldRunIsStopped(
            @Autowired org.springframework.core.env.Environment environment) {
        Health up = indicator.health();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails())
                .containsEntry("nameServers", java.util.List.of(environment.getRequiredProperty("mq.namesrv")))
                .containsEntry("brokers", 1)
                .containsEntry("listeners", Map.of("orders", "running", "audit", "stopped"))
                .doesNotContainKey("reason");

        registry.pause("orders");
        Health paused = indicator.health();
        assertThat(paused.getStatus()).as("a paused listener still runs").isEqualTo(Status.UP);
        assertThat(paused.getDetails()).containsEntry("listeners", Map.of("orders", "paused", "audit", "stopped"));
        registry.resume("orders");

        registry.stop("orders");
        Health down = indicator.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("brokers", 1)
                .containsEntry("listeners", Map.of("orders", "stopped", "audit", "stopped"))
                .containsEntry("reason", "listeners that should run are stopped: orders");

        registry.start("orders");
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }
}
