package dev.mq.server;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicList;
import dev.mq.protocol.header.GetRouteInfoHeader;
import dev.mq.server.broker.registration.BrokerRegistrar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Creating many topics through the admin request registers only the changed topics with the
 * name server, not the whole table after each create; a deletion still leaves the routes.
 */
class ManyTopicsRegistrationTest {

    @Test
    void creatingThousandsOfTopicsSendsRegistrationBytesProportionalToThem() throws Exception {
        int count = 2_000;
        ExecutorService creators = Executors.newFixedThreadPool(16);
        try (EmbeddedServer server = EmbeddedServer.builder().start();
             RemotingClient client = new RemotingClient(RemotingClientConfig.defaults())) {
            BrokerRegistrar registrar = server.broker().registrar();
            long bytesBefore = registrar.bodyBytes();
            List<CompletableFuture<Integer>> creates = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String topic = String.format("many-%05d", i);
                creates.add(CompletableFuture.supplyAsync(() -> {
                    RemotingCommand create = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                            .putExt("topic", topic).putExt("readQueueNums", 4).putExt("writeQueueNums", 4)
                            .putExt("perm", 6);
                    try {
                        return client.invokeSync(server.brokerAddress(), create, 10_000).code();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, creators));
            }
            for (CompletableFuture<Integer> create : creates) {
                assertThat(create.join()).isEqualTo(ResponseCode.SUCCESS);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> allTopics(client, server).size() >= count);
            long sent = registrar.bodyBytes() - bytesBefore;
            // the whole table after each create would be about count * count / 2 topics' worth
            long oneTopicBytes = 200;
            assertThat(sent).as("registration body bytes for %d creates", count)
                    .isLessThan(10L * count * oneTopicBytes);

            RemotingCommand delete = RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER).putExt("topic", "many-00007");
            assertThat(client.invokeSync(server.brokerAddress(), delete, 3000).code()).isEqualTo(ResponseCode.SUCCESS);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                RemotingCommand route = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC);
                new GetRouteInfoHeader("many-00007", null).writeTo(route);
                assertThat(client.invokeSync(server.namesrvAddress(), route, 3000).code())
                        .isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
            });
            assertThat(allTopics(client, server)).contains("many-00008");
        } finally {
            creators.shutdownNow();
        }
    }

    private static List<String> allTopics(RemotingClient client, EmbeddedServer server) throws Exception {
        RemotingCommand response = client.invokeSync(server.namesrvAddress(),
                RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER), 3000);
        return new ArrayList<>(RemotingJson.decode(response.body(), TopicList.class).topicList());
    }
}
