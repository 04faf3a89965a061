package dev.mq.spring.health;

import dev.mq.spring.autoconfigure.MqAutoConfiguration;
import dev.mq.spring.autoconfigure.MqHealthAutoConfiguration;
import dev.mq.spring.autoconfigure.MqIdempotencyAutoConfiguration;
import dev.mq.spring.autoconfigure.MqListenerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** When the {@code mq} health indicator is there, when it backs off, and what it says without a name server. */
class MqHealthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MqAutoConfiguration.class, MqIdempotencyAutoConfiguration.class,
                    MqListenerAutoConfiguration.class, MqHealthAutoConfiguration.class))
            .withPropertyValues("mq.listener.auto-startup=false");

    @Test
    void providesTheIndicatorWhenHealthSupportIsPresent() {
        runner.run(context -> assertThat(context).hasNotFailed().getBeans(MqHealthIndicator.class)
                .containsOnlyKeys("mqHealthIndicator"));
    }

    @Test
    void isSwitchedOffByItsOwnPropertyAndByTheDefaultsProperty() {
        runner.withPropertyValues("management.health.mq.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MqHealthIndicator.class));
        runner.withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MqHealthIndicator.class));
        runner.withPropertyValues("management.health.defaults.enabled=false", "management.health.mq.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(MqHealthIndicator.class));
    }

    @Test
    void backsOffForTheApplicationsOwnBeanOfThatName() {
        HealthIndicator own = () -> Health.up().withDetail("own", true).build();
        runner.withBean("mqHealthIndicator", HealthIndicator.class, () -> own)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(MqHealthIndicator.class);
                    assertThat(context.getBean("mqHealthIndicator")).isSameAs(own);
                });
    }

    @Test
    void isAbsentWithoutSpringBootsHealthSupport() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("mqHealthIndicator"));
    }

    @Test
    void aTimeoutThatIsNotPositiveStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("mq.health.timeout=0s")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("health.timeout"));
    }

    @Test
    void isDownWithTheReasonWhenNothingListensAtTheNameServerAddress() throws IOException {
        String nowhere = "127.0.0.1:" + freePort();
        runner.withPropertyValues("mq.namesrv=" + nowhere, "mq.health.timeout=1s")
                .run(context -> {
                    Health health = context.getBean(MqHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("nameServers", java.util.List.of(nowhere))
                            .doesNotContainKey("brokers");
                    assertThat(health.getDetails().get("reason")).asString()
                            .startsWith("the name server did not answer");
                });
    }

    /** A port nothing listens on once this returns. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
