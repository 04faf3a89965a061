package dev.mq.spring.autoconfigure;

import dev.mq.spring.annotation.MqListener;
import dev.mq.spring.listener.ListenerTransactions;
import dev.mq.spring.listener.MqListenerAnnotationBeanPostProcessor;
import dev.mq.spring.listener.MqListenerContainerFactory;
import dev.mq.spring.listener.MqListenerEndpoint;
import dev.mq.spring.listener.MqListenerContainerCustomizer;
import dev.mq.spring.listener.MqListenerEndpointRegistry;
import dev.mq.spring.listener.SpringListenerTransactions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class MqListenerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MqAutoConfiguration.class, MqIdempotencyAutoConfiguration.class,
                    MqListenerAutoConfiguration.class))
            .withPropertyValues("mq.listener.auto-startup=false");

    static class Orders {
        @MqListener(topic = "${orders.topic}", group = "${orders.group}", concurrency = "${orders.threads}",
                maxRetries = -1)
        void on(String order) {
        }
    }

    @Test
    void providesTheRegistryTheFactoryAndTheAnnotationProcessor() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(MqListenerEndpointRegistry.class)
                    .hasSingleBean(MqListenerContainerFactory.class)
                    .hasSingleBean(MqListenerAnnotationBeanPostProcessor.class);
            assertThat(context.getBean(ListenerTransactions.class)).isInstanceOf(SpringListenerTransactions.class);
            assertThat(context.getBean(MqListenerEndpointRegistry.class).getListenerIds()).isEmpty();
        });
    }

    @Test
    void virtualThreadsRunListenerCallsWhenTheApplicationAsksAndTheJvmHasThem() {
        runner.run(context -> assertThat(context).doesNotHaveBean("mqVirtualThreadsCustomizer"));
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context -> {
            if (Runtime.version().feature() >= 21) {
                MqListenerContainerCustomizer customizer =
                        context.getBean("mqVirtualThreadsCustomizer", MqListenerContainerCustomizer.class);
                java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ThreadFactory> factory =
                        new java.util.concurrent.atomic.AtomicReference<>();
                dev.mq.client.PushConsumer.Builder builder = org.mockito.Mockito.mock(dev.mq.client.PushConsumer.Builder.class,
                        invocation -> {
                            if (invocation.getMethod().getName().equals("consumeThreadFactory")) {
                                factory.set(invocation.getArgument(0));
                            }
                            return invocation.getMock();
                        });
                customizer.customize(null, builder);
                Thread made = factory.get().newThread(() -> { });
                assertThat(Thread.class.getMethod("isVirtual").invoke(made)).isEqualTo(true);
            } else {
                assertThat(context).doesNotHaveBean("mqVirtualThreadsCustomizer"); // Java 17: no virtual threads
            }
        });
    }

    @Test
    void withoutSpringTransactionsListenersRunWithoutThem() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.transaction"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ListenerTransactions.class));
    }

    @Test
    void backsOffForTheApplicationsOwnRegistry() {
        runner.withBean("myRegistry", MqListenerEndpointRegistry.class, MqListenerEndpointRegistry::new)
                .run(context -> assertThat(context).getBeans(MqListenerEndpointRegistry.class)
                        .containsOnlyKeys("myRegistry"));
    }

    @Test
    void resolvesPlaceholdersAndAppliesTheDefaults() {
        runner.withBean("orders", Orders.class)
                .withPropertyValues("orders.topic=Orders", "orders.group=billing", "orders.threads=3",
                        "mq.consumer.max-retries=5")
                .run(context -> {
                    MqListenerEndpointRegistry registry = context.getBean(MqListenerEndpointRegistry.class);
                    assertThat(registry.getListenerIds()).containsExactly("orders.on");
                    MqListenerEndpoint endpoint = registry.getListenerContainer("orders.on").endpoint();
                    assertThat(endpoint.topic()).isEqualTo("Orders");
                    assertThat(endpoint.group()).isEqualTo("billing");
                    assertThat(endpoint.concurrency()).isEqualTo(3);
                    assertThat(endpoint.maxRetries()).isEqualTo(5);
                    assertThat(endpoint.selector()).isEqualTo("*");
                    assertThat(endpoint.idempotent()).isTrue();
                    assertThat(endpoint.autoStartup()).as("mq.listener.auto-startup=false").isFalse();
                    assertThat(registry.isRunning("orders.on")).isFalse();
                });
    }
}
