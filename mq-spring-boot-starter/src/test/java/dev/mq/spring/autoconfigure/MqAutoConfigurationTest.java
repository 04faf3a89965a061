package dev.mq.spring.autoconfigure;

import dev.mq.client.MqClient;
import dev.mq.spring.idempotency.IdempotencyStore;
import dev.mq.spring.idempotency.InMemoryIdempotencyStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MqAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MqAutoConfiguration.class, MqIdempotencyAutoConfiguration.class));

    @Test
    void providesOneClientWithTheDefaultNameServer() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(MqClient.class);
            assertThat(context.getBean(MqProperties.class).getNamesrv()).isEqualTo("127.0.0.1:9876");
        });
    }

    @Test
    void writesObjectsAsJsonWhenJacksonIsPresent() {
        runner.run(context -> assertThat(context).hasSingleBean(dev.mq.spring.support.JsonPayloadConverter.class));
        runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader("tools.jackson"))
                .run(context -> assertThat(context.getBean(dev.mq.spring.support.MqPayloadConverter.class))
                        .isExactlyInstanceOf(dev.mq.spring.support.BasicPayloadConverter.class));
    }

    @Test
    void appliesEveryCustomizer() {
        AtomicInteger calls = new AtomicInteger();
        runner.withBean("first", MqClientCustomizer.class, () -> builder -> calls.incrementAndGet())
                .withBean("second", MqClientCustomizer.class, () -> builder -> calls.incrementAndGet())
                .run(context -> {
                    assertThat(context).hasSingleBean(MqClient.class);
                    assertThat(calls).hasValue(2);
                });
    }

    @Test
    void backsOffForTheApplicationsOwnClient() {
        runner.withBean("myClient", MqClient.class, () -> MqClient.builder().namesrv("127.0.0.1:1").build())
                .run(context -> assertThat(context).getBeans(MqClient.class).containsOnlyKeys("myClient"));
    }

    @Test
    void badSettingsStopTheStartNamingTheProperty() {
        runner.withPropertyValues("mq.producer.retries=-1").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("producer.retries").hasStackTraceContaining("must be at least 0"));
        runner.withPropertyValues("mq.idempotency.store=disk").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("idempotency.store")
                .hasStackTraceContaining("must be one of auto, memory, jdbc, redis"));
        runner.withPropertyValues("mq.idempotency.memory.max-keys=800000000").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("idempotency.memory.maxKeys")
                .hasStackTraceContaining("must be between 1 and " + InMemoryIdempotencyStore.MAX_KEYS));
    }

    @Test
    void inMemoryIdempotencyStoreByDefaultAndReplaceable() {
        runner.run(context -> assertThat(context).hasSingleBean(InMemoryIdempotencyStore.class));
        IdempotencyStore own = new InMemoryIdempotencyStore(10, java.time.Clock.systemUTC());
        runner.withBean("ownStore", IdempotencyStore.class, () -> own)
                .run(context -> assertThat(context.getBean(IdempotencyStore.class)).isSameAs(own));
    }
}
