package dev.mq.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.MqClient;
import dev.mq.client.PullConsumer;
import dev.mq.client.ReceivedMessage;
import dev.mq.test.EmbeddedMq;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs order-service on a random port against an embedded server. {@code Orders} has one queue, so a
 * pull consumer reads the events in the order they were committed: once the event of an order placed
 * after the refused one has arrived, an event of the refused order would have arrived before it.
 */
@SpringBootTest(classes = OrderServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedMq(topics = "Orders", queues = 1)
class OrderServiceApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Autowired
    MqClient client;

    @Autowired
    OrderRepository orders;

    @Autowired
    JsonMapper json;

    @Test
    void publishesOrderCreatedOnlyForOrdersThatCommit() throws Exception {
        try (PullConsumer events = client.pullConsumer("order-service-test").consumeFrom(ConsumeFrom.FIRST_OFFSET).build()) {
            events.subscribe("Orders", "created");

            HttpResponse<String> first = post("{\"customerId\":\"c-1\",\"item\":\"book\",\"quantity\":1}");
            HttpResponse<String> second = post("{\"customerId\":\"c-1\",\"item\":\"pen\",\"quantity\":2}");
            HttpResponse<String> refused = post("{\"customerId\":\"c-1\",\"item\":\"lamp\",\"quantity\":1}");
            HttpResponse<String> afterRefused = post("{\"customerId\":\"c-2\",\"item\":\"desk\",\"quantity\":1}");

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(second.statusCode()).isEqualTo(201);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("the limit is 2");
            assertThat(afterRefused.statusCode()).isEqualTo(201);

            List<OrderCreated> received = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                for (ReceivedMessage message : events.poll(Duration.ofMillis(200))) {
                    keys.addAll(message.keys());
                    received.add(json.readValue(new String(message.body(), StandardCharsets.UTF_8), OrderCreated.class));
                }
                return received.stream().anyMatch(event -> event.item().equals("desk"));
            });

            assertThat(received).extracting(OrderCreated::item).containsExactly("book", "pen", "desk");
            assertThat(received).extracting(OrderCreated::orderId).containsExactly(
                    orderId(first), orderId(second), orderId(afterRefused));
            assertThat(keys).containsExactly(orderId(first), orderId(second), orderId(afterRefused));
            assertThat(orders.countByCustomer("c-1")).isEqualTo(2);
            assertThat(orders.findItem(orderId(first))).contains("book");
        }
    }

    @Test
    void refusesAnOrderWithoutQuantity() throws Exception {
        HttpResponse<String> response = post("{\"customerId\":\"c-9\",\"item\":\"book\",\"quantity\":0}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("quantity must be at least 1");
        assertThat(orders.countByCustomer("c-9")).isZero();
    }

    private String orderId(HttpResponse<String> created) {
        return json.readValue(created.body(), OrderCreated.class).orderId();
    }

    private HttpResponse<String> post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
