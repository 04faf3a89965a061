package dev.mq.console;

import dev.mq.client.MqClient;
import dev.mq.client.PullConsumer;
import dev.mq.client.admin.MqAdmin;
import dev.mq.client.admin.TopicSpec;
import dev.mq.test.EmbeddedMq;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: a measurement of /topics and /groups with 2,000 topics and 500 groups on a real
 * embedded server, printed, never asserted as a time. Its name keeps it out of the normal test run;
 * run it with
 * {@code ./mvnw -q -o -B verify -pl mq-console -am -Dtest=TopicsGroupsPagesMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 * The listing cache is off, so every request asks the broker: the figure is the uncached one.
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mq.console.users.alice.password={noop}alice-secret", "mq.console.users.alice.role=ADMIN",
                "mq.console.topics-groups.listing-cache-time=0s", "mq.console.topics-groups.sample-interval=1h",
                "logging.level.dev.mq=WARN"})
@EmbeddedMq
class TopicsGroupsPagesMeasurement {

    private static final int TOPICS = 2_000;
    private static final int GROUPS = 500;
    private static final int ROUNDS = 30;

    @LocalServerPort
    int port;

    @Value("${mq.namesrv}")
    String namesrv;

    @Test
    void measure() throws Exception {
        try (MqClient client = MqClient.builder().namesrv(namesrv).build()) {
            long start = System.nanoTime();
            MqAdmin admin = client.admin();
            List<CompletableFuture<Void>> creating = new ArrayList<>();
            for (int i = 0; i < TOPICS; i++) {
                String topic = "PerfTopic-" + i;
                creating.add(CompletableFuture.runAsync(() -> admin.createOrUpdateTopic(
                        TopicSpec.builder(topic).queues(4).build()).orThrow()));
                if (creating.size() == 64) {
                    CompletableFuture.allOf(creating.toArray(CompletableFuture[]::new)).join();
                    creating.clear();
                }
            }
            CompletableFuture.allOf(creating.toArray(CompletableFuture[]::new)).join();
            for (int i = 0; i < GROUPS; i += 50) {
                List<PullConsumer> consumers = new ArrayList<>();
                for (int g = i; g < i + 50; g++) {
                    PullConsumer consumer = client.pullConsumer("perf-cg-" + g).build();
                    consumer.subscribe("PerfTopic-" + g, "*");
                    consumers.add(consumer);
                }
                int known = i + 50;
                // a group is known to the broker from its first heartbeat on; it stays known after the close
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> admin.consumerGroups()
                        .groups().stream().filter(g -> g.group().startsWith("perf-cg-")).count() >= known);
                consumers.forEach(PullConsumer::close);
            }
            System.out.printf("setup: %d topics, %d groups in %d ms%n", TOPICS, GROUPS,
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(admin.topics().topics().size()).isGreaterThanOrEqualTo(TOPICS);
            assertThat(admin.consumerGroups().groups().size()).isGreaterThanOrEqualTo(GROUPS);
        }

        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(token.find()).as("the login form's CSRF token").isTrue();
        String form = "username=alice&password=alice-secret&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());

        for (String page : List.of("/topics", "/groups", "/api/topics", "/api/groups")) {
            long[] millis = new long[ROUNDS];
            int bytes = 0;
            for (int round = -3; round < ROUNDS; round++) { // three rounds to warm up, not counted
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + page)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long took = (System.nanoTime() - t0) / 1_000_000;
                assertThat(response.statusCode()).as(page).isEqualTo(200);
                assertThat(response.body()).as(page).doesNotContain("Log in");
                if (round >= 0) {
                    millis[round] = took;
                    bytes = response.body().length();
                }
            }
            Arrays.sort(millis);
            System.out.printf("%-12s median %4d ms, p90 %4d ms, max %4d ms (%d rounds, %d KiB)%n", page,
                    millis[ROUNDS / 2], millis[ROUNDS * 9 / 10], millis[ROUNDS - 1], ROUNDS, bytes / 1024);
        }
    }
}
