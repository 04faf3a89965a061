package dev.mq.spring.listener;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.spring.annotation.ConsumeMode;
import dev.mq.spring.annotation.MqListener;
import dev.mq.test.EmbeddedMq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.test.annotation.DirtiesContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two applications with a broadcasting listener of the same group both get every message (the second
 * application is a context of its own, with its own client, against the same server).
 */
@SpringBootTest(classes = ListenerBroadcastTest.App.class, properties = "mq.instance-name=first")
@EmbeddedMq(topics = "News")
@DirtiesContext
class ListenerBroadcastTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path offsets;

    @Component
    static class Readers {
        final List<String> news = new CopyOnWriteArrayList<>();

        @MqListener(topic = "News", group = "news-readers", id = "news", mode = ConsumeMode.BROADCASTING)
        void read(String item) {
            news.add(item);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Readers.class)
    static class App {
        /** Broadcast offsets in the test's directory, not the user's home. */
        @Bean
        MqListenerContainerCustomizer offsetsInTempDirectory(@Value("${mq.instance-name}") String instance) {
            return (endpoint, builder) -> builder.offsetStoreDirectory(offsets.resolve(instance));
        }
    }

    @Autowired
    MqClient client;

    @Autowired
    Readers readers;

    @Autowired
    MqListenerEndpointRegistry registry;

    @Value("${mq.namesrv}")
    String namesrv;

    @Test
    void everyInstanceOfABroadcastingGroupGetsEveryMessage() {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties("mq.namesrv=" + namesrv, "mq.instance-name=second")
                .run();
             Producer producer = client.producer("broadcast-test-producer").build()) {
            MqListenerEndpointRegistry secondRegistry = second.getBean(MqListenerEndpointRegistry.class);
            await().atMost(WAIT).until(() -> registry.getListenerContainer("news").assignment().size() == 4
                    && secondRegistry.getListenerContainer("news").assignment().size() == 4);

            for (int i = 0; i < 4; i++) {
                producer.send(Message.builder("News").body("item-" + i).build());
            }

            Readers secondReaders = second.getBean(Readers.class);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(readers.news).containsExactlyInAnyOrder("item-0", "item-1", "item-2", "item-3");
                assertThat(secondReaders.news).containsExactlyInAnyOrder("item-0", "item-1", "item-2", "item-3");
            });
        }
    }
}
