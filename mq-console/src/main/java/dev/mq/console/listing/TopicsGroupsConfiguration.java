package dev.mq.console.listing;

import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.admin.MqAdmin;
import dev.mq.console.sampling.TopicsGroupsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** What the topics and groups pages share: the bounded fan-out, the group details, the test-message producer. */
@Configuration(proxyBeanMethods = false)
class TopicsGroupsConfiguration {

    /** The producer group of test messages sent from the console. */
    static final String TEST_PRODUCER_GROUP = "mq-console-test-sender";

    @Bean
    BoundedFanOut consoleFanOut(TopicsGroupsProperties properties) {
        return new BoundedFanOut(properties.getConcurrency());
    }

    @Bean
    GroupDetailsCache groupDetailsCache(MqAdmin admin, Clock clock, TopicsGroupsProperties properties,
                                        BoundedFanOut consoleFanOut) {
        return new GroupDetailsCache(admin, clock, properties.getListingCacheTime(), consoleFanOut);
    }

    /** Runs the admin API's blocking calls (route, per-broker statistics) side by side for one page. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService consoleAdminCalls(TopicsGroupsProperties properties) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.min(properties.getConcurrency(), 8), runnable -> {
            Thread thread = new Thread(runnable, "mq-console-admin-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Made on the first test message, closed with the console. */
    @Bean(destroyMethod = "close")
    @Lazy
    Producer consoleTestProducer(MqClient client) {
        return client.producer(TEST_PRODUCER_GROUP).build();
    }
}
