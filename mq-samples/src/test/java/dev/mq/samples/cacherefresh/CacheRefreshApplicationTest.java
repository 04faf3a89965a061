package dev.mq.samples.cacherefresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mq.spring.listener.MqListenerEndpointRegistry;
import dev.mq.test.EmbeddedMqExtension;
import dev.mq.test.EmbeddedMqServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts two instances of cache-refresh (two application contexts, one consumer group) against an
 * embedded server, publishes price changes from one of them, and checks that both caches refresh.
 */
class CacheRefreshApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddedMqExtension MQ = EmbeddedMqExtension.withTopics(PricePublisher.TOPIC);

    @TempDir
    Path offsets;

    @Test
    void everyInstanceRefreshesItsCache(EmbeddedMqServer server) {
        try (ConfigurableApplicationContext first = start(server, "first");
             ConfigurableApplicationContext second = start(server, "second")) {
            await().atMost(WAIT).until(() -> ownsEveryQueue(first) && ownsEveryQueue(second));

            first.getBean(PricePublisher.class).publish(new PriceChanged("sku-1", new BigDecimal("9.90")));
            first.getBean(PricePublisher.class).publish(new PriceChanged("sku-2", new BigDecimal("4.50")));

            PriceCache firstCache = first.getBean(PriceCache.class);
            PriceCache secondCache = second.getBean(PriceCache.class);
            await().atMost(WAIT).untilAsserted(() -> {
                for (PriceCache cache : new PriceCache[] {firstCache, secondCache}) {
                    assertThat(cache.price("sku-1")).contains(new BigDecimal("9.90"));
                    assertThat(cache.price("sku-2")).contains(new BigDecimal("4.50"));
                }
            });
        }
    }

    /** Broadcasting: each instance owns all four queues, whatever the other does. */
    private static boolean ownsEveryQueue(ConfigurableApplicationContext instance) {
        return instance.getBean(MqListenerEndpointRegistry.class).getListenerContainer("price-cache").assignment()
                .size() == 4;
    }

    @Test
    void theDemoInstancesChangeReachesTheInstanceStartedBefore(EmbeddedMqServer server) {
        try (ConfigurableApplicationContext running = start(server, "running")) {
            await().atMost(WAIT).until(() -> ownsEveryQueue(running));

            try (ConfigurableApplicationContext demo = start(server, "demo", "cache-refresh.demo=true", "cache-refresh.demo-delay=1s")) {
                for (ConfigurableApplicationContext instance : List.of(running, demo)) {
                    PriceCache cache = instance.getBean(PriceCache.class);
                    await().atMost(WAIT).untilAsserted(() ->
                            assertThat(cache.price(PriceDemo.CHANGE.sku())).contains(PriceDemo.CHANGE.price()));
                }
            }
        }
    }

    private ConfigurableApplicationContext start(EmbeddedMqServer server, String instance, String... properties) {
        List<String> all = new ArrayList<>(List.of("mq.namesrv=" + server.namesrvAddress(),
                "mq.instance-name=" + instance, "cache-refresh.offsets-dir=" + offsets.resolve(instance)));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(CacheRefreshApplication.class)
                .web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new))
                .run();
    }
}
