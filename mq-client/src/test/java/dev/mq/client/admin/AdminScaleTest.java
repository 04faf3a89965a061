package dev.mq.client.admin;

import dev.mq.client.MqClient;
import dev.mq.client.internal.Invoker;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.header.CreateTopicHeader;
import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's topic page with many topics: 2,000 topics on our server are listed, each with its
 * kind, queues and message count, in under 300 ms, because the per-topic requests are pipelined on
 * the connection instead of sent one after another.
 */
@Timeout(120)
class AdminScaleTest {

    private static final int TOPICS = 2_000;
    private static final Duration BUDGET = Duration.ofMillis(300);

    private static EmbeddedServer server;
    private static MqClient client;
    private static MqAdmin admin;
    private static String prefix;

    @BeforeAll
    static void startWithManyTopics() {
        server = AdminFixtures.small().start();
        client = AdminFixtures.client(server.namesrvAddress());
        admin = client.admin();
        prefix = AdminFixtures.unique("Many") + "_";
        List<CompletableFuture<RemotingCommand>> created = new ArrayList<>();
        for (int i = 0; i < TOPICS; i++) {
            RemotingCommand request = Invoker.request(RequestCode.UPDATE_AND_CREATE_TOPIC, new CreateTopicHeader(
                    prefix + i, "TBW102", 4, 4, 6, "SINGLE_TAG", 0, false, null, null), null);
            created.add(AdminFixtures.core(client).invoker().invoke(server.brokerAddress(), request,
                    Duration.ofSeconds(30), "create topic"));
        }
        created.forEach(CompletableFuture::join);
        AdminFixtures.send(client, prefix + 7, 3, "m", "TagA");
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.topics().topics().stream()
                .filter(t -> t.name().startsWith(prefix)).count() == TOPICS);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoThousandTopicsAreListedWithCountsInUnder300Milliseconds() {
        for (int i = 0; i < 3; i++) {
            admin.topics(); // warm up: connections, JIT
        }
        long best = Long.MAX_VALUE;
        TopicListing listing = null;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            listing = admin.topics();
            best = Math.min(best, System.nanoTime() - start);
        }

        assertThat(listing.issues()).isEmpty();
        assertThat(listing.topics().stream().filter(t -> t.name().startsWith(prefix))).hasSize(TOPICS)
                .allSatisfy(t -> {
                    assertThat(t.readQueues()).isEqualTo(4);
                    assertThat(t.totalMessages()).isPresent();
                });
        assertThat(listing.topic(prefix + 7).orElseThrow().totalMessages()).hasValue(3);
        assertThat(Duration.ofNanos(best)).as("best of 5 listings of %d topics", TOPICS).isLessThan(BUDGET);
    }
}
