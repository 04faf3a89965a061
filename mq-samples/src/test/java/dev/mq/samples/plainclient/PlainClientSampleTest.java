package dev.mq.samples.plainclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mq.client.MqClient;
import dev.mq.client.ReceivedMessage;
import dev.mq.test.EmbeddedMqExtension;
import dev.mq.test.EmbeddedMqServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plain-client sample against an embedded server, without Spring. */
class PlainClientSampleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddedMqExtension MQ = EmbeddedMqExtension.withTopics(OrderEventProducer.TOPIC);

    @Test
    void theSampleReceivesEveryOrderItPublished(EmbeddedMqServer server) throws Exception {
        List<String> received = PlainClientSample.run(server.namesrvAddress(), 3, WAIT);

        assertThat(received).hasSize(3).allMatch(id -> id.startsWith("order-")).doesNotHaveDuplicates();
    }

    @Test
    void theConsumerGetsTheProducersEventsWithKeyTagAndBody(EmbeddedMqServer server) {
        List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
        try (MqClient client = MqClient.builder().namesrv(server.namesrvAddress()).instanceName("plain-test").build();
             OrderEventProducer producer = new OrderEventProducer(client);
             OrderEventConsumer consumer = new OrderEventConsumer(client, received::add)) {
            producer.publish("o-42", "c-7", 2);

            await().atMost(WAIT).until(() -> received.stream().anyMatch(m -> m.keys().contains("o-42")));
            ReceivedMessage message = received.stream().filter(m -> m.keys().contains("o-42")).findFirst().orElseThrow();
            assertThat(message.tags()).isEqualTo("created");
            assertThat(new String(message.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"orderId\":\"o-42\",\"customerId\":\"c-7\",\"quantity\":2}");
        }
    }

    @Test
    void refusesIdsThatWouldNeedEscaping(EmbeddedMqServer server) {
        try (MqClient client = MqClient.builder().namesrv(server.namesrvAddress()).build();
             OrderEventProducer producer = new OrderEventProducer(client)) {
            assertThatThrownBy(() -> producer.publish("o\"1", "c-1", 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderId");
            assertThatThrownBy(() -> producer.publish("o-1", "c-1", 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity");
        }
    }
}
