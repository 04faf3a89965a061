package dev.mq.compat;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static dev.mq.compat.Clients.message;
import static dev.mq.compat.Clients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A group's retry policy (5.x {@code SubscriptionGroupConfig.groupRetryPolicy}) decides the delays
 * of its retries. With client 5.x the group is configured through the official admin API
 * ({@code createAndUpdateSubscriptionGroupConfig}); 4.9.x has no such field, so there the same JSON
 * goes to the same request (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP) through our remoting client.
 *
 * <p>Delay levels here are 1 s, 2 s, 3 s, ... (so every policy delay of whole seconds has its own
 * level): the classic schedule (level 3 + earlier retries) would wait 3, 4, 5 s.
 */
@Timeout(180)
class RetryPolicyCompatTest {

    private static final String COUNTING_LEVELS = "--mq.broker.delay-levels=1s,2s,3s,4s,5s,6s,7s,8s,9s,10s,11s,12s";

    @TempDir
    Path dataDir;

    private final TestResources resources = new TestResources();

    @AfterEach
    void closeAll() throws Exception {
        resources.close();
    }

    @Test
    void retriesWaitTheDelaysOfTheGroupsExponentialPolicy() throws Exception {
        // 1 s, x2, at most 4 s: waits 1 s, 2 s, 4 s (classic: 3 s, 4 s, 5 s)
        assertRetryGaps("{\"type\":\"EXPONENTIAL\","
                + "\"exponentialRetryPolicy\":{\"initial\":1000,\"max\":4000,\"multiplier\":2}}", 1_000, 2_000, 4_000);
    }

    @Test
    void retriesWaitTheDelaysOfTheGroupsCustomizedPolicy() throws Exception {
        // retry n waits next[n + 2] (Apache's offset), the last entry once past the end: 1 s, 3 s, 3 s
        assertRetryGaps("{\"type\":\"CUSTOMIZED\",\"customizedRetryPolicy\":{\"next\":[9000,9000,1000,3000]}}",
                1_000, 3_000, 3_000);
    }

    /**
     * A message whose first {@code expected.length} deliveries fail, in a group with
     * {@code policyJson} as its groupRetryPolicy: the waits between deliveries are at least the
     * policy's delays and well below the classic ones, and the reconsume counts grow by one.
     */
    private void assertRetryGaps(String policyJson, long... expected) throws Exception {
        ServerProcess server = new ServerProcess(dataDir.resolve("server"), COUNTING_LEVELS);
        resources.add(server);
        server.start();
        Clients clients = new Clients(server);
        resources.add(clients);
        DefaultMQProducer producer = clients.producer();
        String topic = unique("Backoff");
        String group = unique("cg");
        clients.createTopic(producer, topic, 1);
        clients.createTopic(producer, "%RETRY%" + group, 1);
        configureGroup(server, "{\"groupName\":\"" + group + "\",\"consumeEnable\":true,"
                + "\"consumeBroadcastEnable\":true,\"retryQueueNums\":1,\"retryMaxTimes\":16,"
                + "\"groupRetryPolicy\":" + policyJson + "}");

        int failures = expected.length;
        List<MessageExt> deliveries = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = clients.pushConsumer(group);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            arrivals.add(System.currentTimeMillis());
            deliveries.addAll(messages);
            return messages.get(0).getReconsumeTimes() < failures ? ConsumeConcurrentlyStatus.RECONSUME_LATER
                    : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        assertThat(producer.send(message(topic, "T", "flaky")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() >= failures + 1);
        assertThat(deliveries).extracting(MessageExt::getReconsumeTimes)
                .startsWith(IntStream.rangeClosed(0, failures).boxed().toArray(Integer[]::new));
        for (int i = 0; i < failures; i++) {
            // from the failed delivery to the broker storing the retry in the retry topic (the server's
            // store time, so the consumer's pull and dispatch latency on a loaded machine do not count)
            long gap = deliveries.get(i + 1).getStoreTimestamp() - arrivals.get(i);
            // at least the policy's delay; the upper bound stays below the classic 3 s for a 1 s delay
            assertThat(gap).as("wait before retry %d", i + 1)
                    .isGreaterThanOrEqualTo(expected[i] - 50).isLessThan(expected[i] + 1_900);
        }
    }

    /** The official admin API where the client has the policy field (5.x), else the same JSON raw. */
    private static void configureGroup(ServerProcess server, String json) throws Exception {
        Class<?> configType = configClass();
        boolean hasPolicy = hasMethod(configType, "getGroupRetryPolicy");
        if (hasPolicy) {
            Object config = RemotingSerializable.decode(json.getBytes(StandardCharsets.UTF_8), configType);
            DefaultMQAdminExt admin = new DefaultMQAdminExt();
            admin.setNamesrvAddr(server.namesrvAddr());
            admin.setInstanceName(unique("admin"));
            admin.start();
            try {
                Method update = DefaultMQAdminExt.class.getMethod("createAndUpdateSubscriptionGroupConfig",
                        String.class, configType);
                update.invoke(admin, server.brokerAddr(), config);
            } finally {
                admin.shutdown();
            }
        } else {
            try (BrokerAdmin admin = new BrokerAdmin(server.brokerAddr())) {
                var response = admin.updateSubscriptionGroup(json);
                assertThat(response.code()).as(response.remark()).isZero();
            }
        }
    }

    /** SubscriptionGroupConfig moved from common.subscription (4.9.x) to remoting.protocol.subscription (5.x). */
    private static Class<?> configClass() throws ClassNotFoundException {
        try {
            return Class.forName("org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig");
        } catch (ClassNotFoundException e) {
            return Class.forName("org.apache.rocketmq.common.subscription.SubscriptionGroupConfig");
        }
    }

    private static boolean hasMethod(Class<?> type, String name) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
