package dev.mq.apache.harness;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.BrokerData;
import dev.mq.protocol.body.ClusterInfo;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicRouteData;

import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One Apache RocketMQ cluster for the whole class (a start takes seconds): each test leaves the
 * first broker running at its address, so that none depends on another's order. The official
 * client 5.5.0 sends and reads; our {@link RemotingClient} reads the name server's view.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApacheRocketMqTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ApacheRocketMq apache;
    private RemotingClient remoting;
    private final List<DefaultMQProducer> producers = new ArrayList<>();
    private final List<DefaultLitePullConsumer> consumers = new ArrayList<>();

    @BeforeAll
    void startApache() {
        apache = ApacheRocketMq.start(WorkDirs.fresh("shared"));
        remoting = new RemotingClient(RemotingClientConfig.defaults());
    }

    @AfterEach
    void stopClients() {
        producers.forEach(DefaultMQProducer::shutdown);
        producers.clear();
        consumers.forEach(DefaultLitePullConsumer::shutdown);
        consumers.clear();
    }

    @AfterAll
    void closeApache() {
        if (remoting != null) {
            remoting.close();
        }
        if (apache != null) {
            apache.close();
            assertThat(apache.brokers()).noneMatch(ApacheBroker::isRunning);
            assertThat(WorkDirs.anyProcessUses(apache.workDir())).as("a child JVM survived close()").isFalse();
        }
    }

    @Test
    void theNameServerListsTheBrokerAtTheReportedAddress() {
        assertThat(apache.namesrvAddress()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(apache.brokerAddress()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo(apache.namesrvAddress());
        assertThat(apache.brokerName()).isEqualTo("broker-a");
        assertThat(apache.clusterName()).isEqualTo("DefaultCluster");

        ClusterInfo info = clusterInfo();
        assertThat(info.clusterAddrTable().get("DefaultCluster")).contains("broker-a");
        BrokerData brokerA = info.brokerAddrTable().get("broker-a");
        assertThat(brokerA.cluster()).isEqualTo("DefaultCluster");
        assertThat(brokerA.brokerAddrs()).containsEntry(0L, apache.brokerAddress());

        // autoCreateTopicEnable is on by default: the broker registered the auto-creation topic
        assertThat(route("TBW102").brokerDatas()).extracting(BrokerData::brokerName).contains("broker-a");
    }

    @Test
    void aSentMessageIsReadBack() throws Exception {
        String topic = "HarnessSend";
        byte[] body = ("hello Apache " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

        SendResult sent = producer().send(new Message(topic, body));

        assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(sent.getMessageQueue().getBrokerName()).isEqualTo("broker-a");
        assertThat(readAll(topic, "broker-a", sent.getMessageQueue().getQueueId()))
                .extracting(MessageExt::getBody).contains(body);
    }

    @Test
    void aSecondBrokerJoinsTheClusterTakesMessagesAndLeavesWhenKilled() throws Exception {
        ApacheBroker brokerB = apache.startBroker("broker-b");
        try {
            assertThat(brokerB.address()).isNotEqualTo(apache.brokerAddress());
            assertThat(apache.brokers()).containsExactly(apache.broker(), brokerB);
            ClusterInfo info = clusterInfo();
            assertThat(info.clusterAddrTable().get("DefaultCluster")).contains("broker-a", "broker-b");
            assertThat(info.brokerAddrTable().get("broker-b").brokerAddrs()).containsEntry(0L, brokerB.address());
            assertThat(info.brokerAddrTable().get("broker-a").brokerAddrs()).containsEntry(0L, apache.brokerAddress());

            // a send to a queue of broker-b: the topic is created there, and the message is stored there
            String topic = "HarnessSecondBroker";
            byte[] body = "for broker-b".getBytes(StandardCharsets.UTF_8);
            SendResult sent = producer().send(new Message(topic, body), new MessageQueue(topic, "broker-b", 0));
            assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            assertThat(readAll(topic, "broker-b", 0)).extracting(MessageExt::getBody).contains(body);

            // a crash: the name server drops broker-b, broker-a stays
            brokerB.kill();
            assertThat(brokerB.isRunning()).isFalse();
            ClusterInfo afterKill = clusterInfo();
            BrokerData gone = afterKill.brokerAddrTable().get("broker-b");
            assertThat(gone == null ? Set.of() : gone.brokerAddrs().values()).doesNotContain(brokerB.address());
            assertThat(afterKill.brokerAddrTable().get("broker-a").brokerAddrs()).containsEntry(0L, apache.brokerAddress());
        } finally {
            brokerB.kill();
        }
    }

    @Test
    void restartBrokerKeepsItsAddressAndTheMessagesItStored() throws Exception {
        String topic = "HarnessRestart";
        byte[] body = ("stored before the restart " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        SendResult sent = producer().send(new Message(topic, body));
        assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        String addressBefore = apache.brokerAddress();
        stopClients(); // the restart is the broker's; the clients of the read come fresh

        apache.restartBroker();

        assertThat(apache.broker().isRunning()).isTrue();
        assertThat(apache.brokerAddress()).isEqualTo(addressBefore);
        assertThat(clusterInfo().brokerAddrTable().get("broker-a").brokerAddrs()).containsEntry(0L, addressBefore);
        assertThat(readAll(topic, "broker-a", sent.getMessageQueue().getQueueId()))
                .extracting(MessageExt::getBody).contains(body);
    }

    // ---- helpers ----

    private ClusterInfo clusterInfo() {
        RemotingCommand response = remoting.invokeSync(apache.namesrvAddress(),
                RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO), 5_000);
        assertThat(response.code()).as("cluster info: %s", response.remark()).isEqualTo(ResponseCode.SUCCESS);
        // Apache writes brokerAddrs as {0:"..."}: RemotingJson reads bare number keys
        return RemotingJson.decode(response.body(), ClusterInfo.class);
    }

    private TopicRouteData route(String topic) {
        RemotingCommand response = remoting.invokeSync(apache.namesrvAddress(),
                RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putExt("topic", topic), 5_000);
        assertThat(response.code()).as("route of %s: %s", topic, response.remark()).isEqualTo(ResponseCode.SUCCESS);
        return RemotingJson.decode(response.body(), TopicRouteData.class);
    }

    private DefaultMQProducer producer() throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("harness-test-producer");
        producer.setNamesrvAddr(apache.namesrvAddress());
        producer.setInstanceName("harness-" + UUID.randomUUID());
        producer.setSendMsgTimeout(10_000);
        producer.start();
        producers.add(producer);
        return producer;
    }

    /**
     * Every message of one queue, read from its first offset by a consumer of a new group. The
     * group starts from the first offset as well as seeking there: the 5.5.0 lite pull consumer's
     * first pull task may compute its start offset (the queue's end, for a new group by default)
     * before the seek lands, and then waits at the end of the queue for the whole wait (one CI run
     * on 2026-12-07). Routes are polled every second, not every 30, for a topic created by the send.
     */
    private List<MessageExt> readAll(String topic, String brokerName, int queueId) throws Exception {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("harness-test-" + UUID.randomUUID());
        consumer.setNamesrvAddr(apache.namesrvAddress());
        consumer.setInstanceName("harness-" + UUID.randomUUID());
        consumer.setAutoCommit(false);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPollNameServerInterval(1_000);
        consumer.start();
        consumers.add(consumer);
        MessageQueue queue = new MessageQueue(topic, brokerName, queueId);
        consumer.assign(List.of(queue));
        consumer.seekToBegin(queue);

        List<MessageExt> read = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            read.addAll(consumer.poll(500));
            return !read.isEmpty();
        });
        return read;
    }
}
