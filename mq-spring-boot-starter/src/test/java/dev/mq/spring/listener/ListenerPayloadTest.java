package dev.mq.spring.listener;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.spring.MqHeaders;
import dev.mq.spring.MqMessage;
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
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.stereotype.Component;
import org.springframework.test.annotation.DirtiesContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Listener parameters: payloads of several types, headers, the raw message, Spring's Message, batches, selectors. */
@SpringBootTest(classes = ListenerPayloadTest.App.class)
@EmbeddedMq(topics = {"Text", "Bytes", "Orders", "OrderBatches", "Described", "Wrapped", "Selected"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerPayloadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    record Order(String id, int amount) {
    }

    record Described(Order order, List<String> keys, String tag, String region, MqMessage raw,
                     Map<String, Object> headers) {
    }

    @Component
    static class Listeners {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<byte[]> bytes = new CopyOnWriteArrayList<>();
        final List<Order> orders = new CopyOnWriteArrayList<>();
        final List<List<Order>> batches = new CopyOnWriteArrayList<>();
        final List<Described> described = new CopyOnWriteArrayList<>();
        final List<org.springframework.messaging.Message<Order>> wrapped = new CopyOnWriteArrayList<>();
        final List<String> selected = new CopyOnWriteArrayList<>();

        @MqListener(topic = "Text", group = "text-readers")
        void text(String text) {
            texts.add(text);
        }

        @MqListener(topic = "Bytes", group = "byte-readers")
        void bytes(byte[] body) {
            bytes.add(body);
        }

        @MqListener(topic = "Orders", group = "order-readers")
        void order(Order order) {
            orders.add(order);
        }

        @MqListener(topic = "OrderBatches", group = "batch-readers", batchSize = 8)
        void batch(List<Order> batch) {
            batches.add(batch);
        }

        @MqListener(topic = "Described", group = "described-readers")
        void described(Order order, @Header(MqHeaders.KEYS) List<String> keys, @Header(MqHeaders.TAGS) String tag,
                       @Header("region") String region, MqMessage raw, @Headers Map<String, Object> headers) {
            described.add(new Described(order, keys, tag, region, raw, headers));
        }

        @MqListener(topic = "Wrapped", group = "wrapped-readers")
        void wrapped(org.springframework.messaging.Message<Order> message) {
            wrapped.add(message);
        }

        @MqListener(topic = "Selected", group = "selected-readers", selector = "paid")
        void selected(String text) {
            selected.add(text);
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

    Producer producer;

    @BeforeAll
    void startProducer() {
        producer = client.producer("payload-test-producer").build();
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    private static Message json(String topic, String json) {
        return Message.builder(topic).property(MqHeaders.CONTENT_TYPE, "application/json").body(json).build();
    }

    @Test
    void aStringParameterGetsTheBodyAsText() {
        producer.send(Message.builder("Text").body("grüße").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.texts).containsExactly("grüße"));
    }

    @Test
    void aByteArrayParameterGetsTheBodyAsItIs() {
        producer.send(Message.builder("Bytes").body(new byte[]{1, 2, 3}).build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.bytes).singleElement()
                .isEqualTo(new byte[]{1, 2, 3}));
    }

    @Test
    void aRecordParameterIsReadFromJson() {
        producer.send(json("Orders", "{\"id\":\"o-1\",\"amount\":3}"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.orders).containsExactly(new Order("o-1", 3)));
    }

    @Test
    void aBatchListenerGetsAListOfRecords() {
        producer.sendBatch(List.of(json("OrderBatches", "{\"id\":\"b-1\",\"amount\":1}"),
                json("OrderBatches", "{\"id\":\"b-2\",\"amount\":2}"),
                json("OrderBatches", "{\"id\":\"b-3\",\"amount\":3}")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.batches.stream().flatMap(List::stream))
                .containsExactly(new Order("b-1", 1), new Order("b-2", 2), new Order("b-3", 3)));
        assertThat(listeners.batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 8)
                .hasOnlyElementsOfType(Order.class));
    }

    @Test
    void headersAndTheRawMessageDescribeTheDelivery() {
        producer.send(Message.builder("Described").tags("created").keys("order-7", "customer-9")
                .property("region", "eu").property(MqHeaders.CONTENT_TYPE, "application/json")
                .body("{\"id\":\"o-7\",\"amount\":70}").build());
        await().atMost(WAIT).until(() -> !listeners.described.isEmpty());
        Described seen = listeners.described.get(0);
        assertThat(seen.order()).isEqualTo(new Order("o-7", 70));
        assertThat(seen.keys()).containsExactly("order-7", "customer-9");
        assertThat(seen.tag()).isEqualTo("created");
        assertThat(seen.region()).isEqualTo("eu");
        assertThat(seen.raw().topic()).isEqualTo("Described");
        assertThat(seen.raw().keys()).containsExactly("order-7", "customer-9");
        assertThat(seen.raw().property("region")).isEqualTo("eu");
        assertThat(seen.raw().reconsumeTimes()).isZero();
        assertThat(seen.raw().bornTime()).isNotNull();
        assertThat(seen.raw().storeTime()).isNotNull();
        assertThat(new String(seen.raw().body(), StandardCharsets.UTF_8)).contains("o-7");
        assertThat(seen.headers()).containsEntry(MqHeaders.MESSAGE_ID, seen.raw().id())
                .containsEntry(MqHeaders.TOPIC, "Described").containsEntry("region", "eu")
                .containsKeys(MqHeaders.QUEUE_ID, MqHeaders.QUEUE_OFFSET, MqHeaders.BORN_TIME, MqHeaders.STORE_TIME);
    }

    @Test
    void aSpringMessageCarriesTheConvertedPayloadAndTheHeaders() {
        producer.send(Message.builder("Wrapped").keys("w-1")
                .property(MqHeaders.CONTENT_TYPE, "application/json").body("{\"id\":\"w-1\",\"amount\":5}").build());
        await().atMost(WAIT).until(() -> !listeners.wrapped.isEmpty());
        org.springframework.messaging.Message<Order> message = listeners.wrapped.get(0);
        assertThat(message.getPayload()).isEqualTo(new Order("w-1", 5));
        assertThat(message.getHeaders().get(MqHeaders.KEYS)).isEqualTo(List.of("w-1"));
    }

    @Test
    void theSelectorLetsOnlyMatchingTagsThrough() {
        producer.send(Message.builder("Selected").tags("created").shardingKey("one-queue").body("created").build());
        producer.send(Message.builder("Selected").tags("paid").shardingKey("one-queue").body("paid").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(listeners.selected).contains("paid"));
        assertThat(listeners.selected).containsExactly("paid");
    }
}
