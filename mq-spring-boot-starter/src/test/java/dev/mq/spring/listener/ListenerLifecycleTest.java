package dev.mq.spring.listener;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.spring.annotation.MqListener;
import dev.mq.test.EmbeddedMq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;
import org.springframework.test.annotation.DirtiesContext;
import dev.mq.spring.MqHeaders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The registry starts, stops, pauses and resumes listeners by id; orderly listeners keep each queue's order. */
@SpringBootTest(classes = ListenerLifecycleTest.App.class)
@EmbeddedMq(topics = {"Controlled", "Ledger"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Component
    static class Listeners {
        final List<String> controlled = new CopyOnWriteArrayList<>();
        final Map<String, List<Integer>> ledger = new ConcurrentHashMap<>();

        @MqListener(topic = "Controlled", group = "controlled-readers", id = "controlled", autoStartup = "false")
        void controlled(String body) {
            controlled.add(body);
        }

        @MqListener(topic = "Ledger", group = "ledger-readers", id = "ledger", orderly = true, idempotent = false)
        void ledger(String body, @Header(MqHeaders.KEYS) List<String> keys) {
            ledger.computeIfAbsent(keys.get(0), account -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(body));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    static class App {
    }

    @Autowired
    MqClient client;

    @Autowired
    Listeners listeners;

    @Autowired
    MqListenerEndpointRegistry registry;

    Producer producer;

    @BeforeAll
    void startProducer() {
        producer = client.producer("lifecycle-test-producer").build();
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    @Test
    void theRegistryStartsStopsPausesAndResumesAListenerById() {
        assertThat(registry.getListenerIds()).containsExactlyInAnyOrder("controlled", "ledger");
        assertThat(registry.isRunning("ledger")).as("autoStartup by default").isTrue();
        assertThat(registry.isRunning("controlled")).as("autoStartup = false").isFalse();
        assertThatThrownBy(() -> registry.pause("controlled")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running");
        assertThatThrownBy(() -> registry.start("nobody")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no listener with id 'nobody'");

        producer.send(Message.builder("Controlled").body("sent while stopped").build());
        registry.start("controlled");
        assertThat(registry.isRunning("controlled")).isTrue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.controlled).containsExactly("sent while stopped"));

        registry.pause("controlled");
        assertThat(registry.isPaused("controlled")).isTrue();
        producer.send(Message.builder("Controlled").body("sent while paused").build());
        registry.resume("controlled");
        assertThat(registry.isPaused("controlled")).isFalse();
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.controlled).contains("sent while paused"));

        registry.stop("controlled");
        assertThat(registry.isRunning("controlled")).isFalse();
        producer.send(Message.builder("Controlled").body("sent after stop").build());
        registry.start("controlled");
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.controlled).contains("sent after stop"));
        assertThat(listeners.controlled).as("each message once: the stop committed what was processed")
                .containsExactly("sent while stopped", "sent while paused", "sent after stop");
    }

    @Test
    void anOrderlyListenerGetsTheMessagesOfEachShardingKeyInOrder() {
        List<String> accounts = List.of("acc-1", "acc-2", "acc-3");
        for (int i = 0; i < 10; i++) {
            for (String account : accounts) {
                producer.send(Message.builder("Ledger").keys(account).shardingKey(account).body(Integer.toString(i))
                        .build());
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(i);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            for (String account : accounts) {
                assertThat(listeners.ledger.get(account)).as(account).containsExactlyElementsOf(expected);
            }
        });
    }
}
