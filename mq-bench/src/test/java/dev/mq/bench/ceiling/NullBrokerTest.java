package dev.mq.bench.ceiling;

import dev.mq.bench.load.ClientKind;
import dev.mq.bench.load.LoadTool;
import dev.mq.client.ConsumeFrom;
import dev.mq.client.ConsumeResult;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.PushConsumer;
import dev.mq.client.ReceivedMessage;
import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.ConsumerIdList;
import dev.mq.protocol.body.RemotingJson;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The null broker answers the official producer and push consumer and ours ({@code mq-client}), and
 * only what it claims to answer.
 */
class NullBrokerTest {

    /** Messages per queue in the tests' backlog: 8 queues of 625 are 5,000 messages. */
    private static final long BACKLOG = 625;
    private static final int SIZE = 1024;

    private NullBroker broker;

    @BeforeEach
    void start() {
        System.setProperty("rocketmq.client.logRoot", Path.of(System.getProperty("java.io.tmpdir"), "mq-bench-client-logs").toString());
        broker = new NullBroker("127.0.0.1", 0, 0, SIZE, BACKLOG).start("127.0.0.1");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private String namesrv() {
        return "127.0.0.1:" + broker.namesrvPort();
    }

    private String brokerAddress() {
        return "127.0.0.1:" + broker.brokerPort();
    }

    @Test
    void theOfficialProducerGetsSendOkForSingleAndBatchSends() throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("null_broker_test");
        producer.setNamesrvAddr(namesrv());
        producer.setInstanceName("null-broker-test-" + System.nanoTime());
        producer.start();
        try {
            Set<String> offsetIds = new HashSet<>();
            Set<Integer> queues = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                SendResult result = producer.send(new Message("AnyTopic", "tag", ("m" + i).getBytes(StandardCharsets.UTF_8)));
                assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                assertThat(result.getMessageQueue().getBrokerName()).isEqualTo("null-broker");
                offsetIds.add(result.getOffsetMsgId());
                queues.add(result.getMessageQueue().getQueueId());
            }
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(new Message("AnyTopic", ("b" + i).getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(producer.send(batch).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

            assertThat(offsetIds).hasSize(20).allMatch(id -> id.length() == 32);
            assertThat(queues).hasSizeGreaterThan(1).allMatch(q -> q >= 0 && q < NullBroker.QUEUES);
            assertThat(broker.sends()).isEqualTo(21);
        } finally {
            producer.shutdown();
        }
    }

    /** What one delivered message said about itself. */
    private record Delivery(String topic, int queueId, long queueOffset, int bodyLength, String msgId, String offsetMsgId,
                            long reconsumeTimes) {
    }

    @Test
    void theOfficialPushConsumerDrainsTheWholeBacklogOnceInQueueOrder() throws Exception {
        long total = BACKLOG * NullBroker.QUEUES;
        List<Delivery> deliveries = new ArrayList<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("null_broker_drain");
        consumer.setNamesrvAddr(namesrv());
        consumer.setInstanceName("null-broker-drain-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        // one consume thread: messages of a queue are consumed in the order they were pulled
        consumer.setConsumeThreadMin(1);
        consumer.setConsumeThreadMax(1);
        consumer.subscribe("Drain", "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            synchronized (deliveries) {
                for (MessageExt m : messages) {
                    deliveries.add(new Delivery(m.getTopic(), m.getQueueId(), m.getQueueOffset(), m.getBody().length,
                            m.getMsgId(),
                            m instanceof MessageClientExt c ? c.getOffsetMsgId() : null, m.getReconsumeTimes()));
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> size(deliveries) >= total);
            // nothing beyond the backlog arrives (the retry queue is empty, the queues are at their end)
            Thread.sleep(1_000);
        } finally {
            consumer.shutdown();
        }

        List<Delivery> got;
        synchronized (deliveries) {
            got = List.copyOf(deliveries);
        }
        assertThat(got).hasSize((int) total);
        assertThat(got).allSatisfy(d -> {
            assertThat(d.topic()).isEqualTo("Drain");
            assertThat(d.bodyLength()).isEqualTo(SIZE);
            assertThat(d.reconsumeTimes()).isZero();
        });
        Map<Integer, List<Long>> offsetsByQueue = new TreeMap<>();
        for (Delivery d : got) {
            offsetsByQueue.computeIfAbsent(d.queueId(), q -> new ArrayList<>()).add(d.queueOffset());
        }
        List<Long> everyOffset = LongStream.range(0, BACKLOG).boxed().toList();
        assertThat(offsetsByQueue).containsOnlyKeys(0, 1, 2, 3, 4, 5, 6, 7);
        // each queue's offsets arrive increasing, each once, from 0 to the end of the backlog
        offsetsByQueue.forEach((queue, offsets) -> assertThat(offsets).as("queue %d", queue).isEqualTo(everyOffset));
        assertThat(got.stream().map(Delivery::msgId).distinct()).hasSize((int) total);
        assertThat(got.stream().map(Delivery::offsetMsgId).distinct()).hasSize((int) total).doesNotContainNull();
        assertThat(broker.pulledMessages()).isEqualTo(total);
        assertThat(broker.unsupportedRequests()).as("requests the consumer made that were not answered").isEmpty();
    }

    private static int size(List<Delivery> deliveries) {
        synchronized (deliveries) {
            return deliveries.size();
        }
    }

    @Test
    void ourProducerGetsSendOkForSyncBatchAsyncAndOnewaySends() {
        try (MqClient client = MqClient.builder().namesrv(namesrv()).instanceName("null-broker-ours-" + System.nanoTime())
                .build();
             Producer producer = client.producer("null_broker_ours").build()) {
            Set<String> offsetIds = new HashSet<>();
            Set<Integer> queues = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                dev.mq.client.SendResult result = producer.send(ourMessage("m" + i));
                assertThat(result.status()).isEqualTo(dev.mq.client.SendStatus.SEND_OK);
                assertThat(result.brokerName()).isEqualTo("null-broker");
                offsetIds.add(result.offsetMessageId());
                queues.add(result.queueId());
            }
            List<dev.mq.client.SendResult> batch = producer.sendBatch(List.of(ourMessage("b0"), ourMessage("b1"),
                    ourMessage("b2")));
            assertThat(batch).hasSize(3).allSatisfy(r -> assertThat(r.status()).isEqualTo(dev.mq.client.SendStatus.SEND_OK));
            List<CompletableFuture<dev.mq.client.SendResult>> async = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                async.add(producer.sendAsync(ourMessage("a" + i)));
            }
            assertThat(async).allSatisfy(f -> assertThat(f.get(10, TimeUnit.SECONDS).status())
                    .isEqualTo(dev.mq.client.SendStatus.SEND_OK));
            for (int i = 0; i < 5; i++) {
                producer.sendOneway(ourMessage("o" + i));
            }

            assertThat(offsetIds).hasSize(20).allMatch(id -> id.length() == 32);
            assertThat(queues).hasSizeGreaterThan(1).allMatch(q -> q >= 0 && q < NullBroker.QUEUES);
            // 20 sync, one batch request, 10 async, and the oneway ones once they have arrived
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.sends() == 36);
        }
        assertThat(broker.unsupportedRequests()).as("requests our producer made that were not answered").isEmpty();
    }

    private static dev.mq.client.Message ourMessage(String body) {
        return dev.mq.client.Message.builder("AnyTopic").tags("tag").body(body).build();
    }

    @Test
    void ourPushConsumerDrainsTheWholeBacklogOnceInQueueOrderAndCommitsWhereItGot() throws Exception {
        long total = BACKLOG * NullBroker.QUEUES;
        List<Delivery> deliveries = new ArrayList<>();
        String group = "null_broker_ours_drain";
        try (MqClient client = MqClient.builder().namesrv(namesrv()).instanceName("null-broker-ours-drain-" + System.nanoTime())
                .build()) {
            // one listener thread: messages of a queue are consumed in the order they were pulled
            PushConsumer consumer = client.pushConsumer(group).subscribe("Drain", "*").consumeFrom(ConsumeFrom.FIRST_OFFSET)
                    .threads(1).listener(messages -> {
                        synchronized (deliveries) {
                            for (ReceivedMessage m : messages) {
                                deliveries.add(new Delivery(m.topic(), m.queueId(), m.queueOffset(), m.body().length,
                                        m.messageId(), m.offsetMessageId(), m.reconsumeTimes()));
                            }
                        }
                        return ConsumeResult.SUCCESS;
                    }).build();
            await().atMost(Duration.ofSeconds(60)).until(() -> size(deliveries) >= total);
            // closing commits the offsets of what was consumed
            consumer.close();
        }

        List<Delivery> got;
        synchronized (deliveries) {
            got = List.copyOf(deliveries);
        }
        assertThat(got).as("the backlog, once: nothing more came before the consumer closed").hasSize((int) total);
        assertThat(got).allSatisfy(d -> {
            assertThat(d.topic()).isEqualTo("Drain");
            assertThat(d.bodyLength()).isEqualTo(SIZE);
            assertThat(d.reconsumeTimes()).isZero();
        });
        Map<Integer, List<Long>> offsetsByQueue = new TreeMap<>();
        for (Delivery d : got) {
            offsetsByQueue.computeIfAbsent(d.queueId(), q -> new ArrayList<>()).add(d.queueOffset());
        }
        List<Long> everyOffset = LongStream.range(0, BACKLOG).boxed().toList();
        assertThat(offsetsByQueue).containsOnlyKeys(0, 1, 2, 3, 4, 5, 6, 7);
        offsetsByQueue.forEach((queue, offsets) -> assertThat(offsets).as("queue %d", queue).isEqualTo(everyOffset));
        assertThat(got.stream().map(Delivery::msgId).distinct()).hasSize((int) total);
        assertThat(got.stream().map(Delivery::offsetMsgId).distinct()).hasSize((int) total).doesNotContainNull();
        assertThat(broker.pulledMessages()).isEqualTo(total);
        try (RemotingClient client = new RemotingClient(RemotingClientConfig.defaults())) {
            for (int queue = 0; queue < NullBroker.QUEUES; queue++) {
                assertThat(queryOffset(client, group, "Drain", queue).ext("offset")).as("committed offset of queue %d", queue)
                        .isEqualTo(Long.toString(BACKLOG));
            }
        }
        assertThat(broker.unsupportedRequests()).as("requests our consumer made that were not answered").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void theLoadToolsConsumeCommandDrainsTheBacklog(ClientKind client) {
        int exit = LoadTool.run("consume", new String[]{"--client", client.cliName(), "--namesrv", namesrv(),
                "--topic", "Drain", "--count", Long.toString(BACKLOG * NullBroker.QUEUES), "--idle-timeout", "10s",
                "--json"});
        assertThat(exit).isZero();
        assertThat(broker.pulledMessages()).isEqualTo(BACKLOG * NullBroker.QUEUES);
        assertThat(broker.unsupportedRequests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ClientKind.class, names = {"OFFICIAL", "OURS"})
    void theLoadToolsProduceCommandIsAnsweredForEveryMessage(ClientKind client) {
        int exit = LoadTool.run("produce", new String[]{"--client", client.cliName(), "--namesrv", namesrv(),
                "--topic", "Sync", "--count", "2000", "--threads", "4", "--json"});
        assertThat(exit).isZero();
        assertThat(broker.sends()).isEqualTo(2000);
        assertThat(broker.unsupportedRequests()).isEmpty();
    }

    @Test
    void aPullReturnsStoredRecordsThatTheOfficialDecoderReads() throws Exception {
        try (RemotingClient client = new RemotingClient(RemotingClientConfig.defaults())) {
            RemotingCommand answer = client.invokeSync(brokerAddress(), pull("Topic", 3, 100, 32, 0, 0), 3000);
            assertThat(answer.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(answer.extFields()).containsEntry("nextBeginOffset", "132").containsEntry("minOffset", "0")
                    .containsEntry("maxOffset", Long.toString(BACKLOG)).containsEntry("suggestWhichBrokerId", "0");
            // as the client decodes a pull body
            List<MessageExt> messages = MessageDecoder.decodesBatch(ByteBuffer.wrap(answer.body()), true, true, true);
            assertThat(messages).hasSize(32);
            String storeHost = String.format("7F000001%08X", broker.brokerPort());
            Set<Long> physical = new HashSet<>();
            for (int i = 0; i < messages.size(); i++) {
                MessageExt m = messages.get(i);
                assertThat(m.getTopic()).isEqualTo("Topic");
                assertThat(m.getQueueId()).isEqualTo(3);
                assertThat(m.getQueueOffset()).isEqualTo(100 + i);
                assertThat(m.getBody()).hasSize(SIZE).isEqualTo(messages.get(0).getBody());
                assertThat(m.getBodyCRC()).isEqualTo(messages.get(0).getBodyCRC());
                assertThat(((InetSocketAddress) m.getStoreHost()).getPort()).isEqualTo(broker.brokerPort());
                assertThat(m.getStoreTimestamp()).isPositive();
                assertThat(m.getProperty("UNIQ_KEY")).hasSize(32).endsWith(String.format("%016X", 100 + i));
                assertThat(m.getMsgId()).isEqualTo(m.getProperty("UNIQ_KEY"));
                assertThat(((MessageClientExt) m).getOffsetMsgId())
                        .isEqualTo(storeHost + String.format("%016X", m.getCommitLogOffset()));
                physical.add(m.getCommitLogOffset());
            }
            assertThat(physical).hasSize(32);

            // the end of the queue: the last message, then nothing
            RemotingCommand last = client.invokeSync(brokerAddress(), pull("Topic", 3, BACKLOG - 1, 32, 0, 0), 3000);
            assertThat(last.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(MessageDecoder.decodes(ByteBuffer.wrap(last.body()))).hasSize(1);
            assertThat(last.ext("nextBeginOffset")).isEqualTo(Long.toString(BACKLOG));
            RemotingCommand end = client.invokeSync(brokerAddress(), pull("Topic", 3, BACKLOG, 32, 0, 0), 3000);
            assertThat(end.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
            assertThat(end.ext("nextBeginOffset")).isEqualTo(Long.toString(BACKLOG));
            RemotingCommand beyond = client.invokeSync(brokerAddress(), pull("Topic", 3, BACKLOG + 5, 32, 0, 0), 3000);
            assertThat(beyond.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
            assertThat(beyond.ext("nextBeginOffset")).isEqualTo(Long.toString(BACKLOG));
            assertThat(client.invokeSync(brokerAddress(), pull("Topic", 8, 0, 32, 0, 0), 3000).code())
                    .isEqualTo(ResponseCode.INVALID_PARAMETER);
            // a retry topic is empty; with SUSPEND the pull is held as a long poll, then PULL_NOT_FOUND
            long start = System.nanoTime();
            RemotingCommand retry = client.invokeSync(brokerAddress(), pull("%RETRY%g", 0, 0, 32, 0x2, 300), 3000);
            assertThat(retry.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
            assertThat(retry.ext("maxOffset")).isEqualTo("0");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(250_000_000L);
        }
        assertThat(broker.pulledMessages()).isEqualTo(33);
    }

    @Test
    void aBigMessageSizeIsCappedByThePullsByteLimit() throws Exception {
        try (NullBroker big = new NullBroker("127.0.0.1", 0, 0, 100_000, 10).start("127.0.0.1");
             RemotingClient client = new RemotingClient(RemotingClientConfig.defaults())) {
            RemotingCommand answer = client.invokeSync("127.0.0.1:" + big.brokerPort(), pull("Big", 0, 0, 32, 0, 0), 3000);
            List<MessageExt> messages = MessageDecoder.decodes(ByteBuffer.wrap(answer.body()));
            // 256 KiB hold two records of 100,000 bytes
            assertThat(messages).hasSize(2).allSatisfy(m -> assertThat(m.getBody()).hasSize(100_000));
            assertThat(answer.ext("nextBeginOffset")).isEqualTo("2");
        }
    }

    private static RemotingCommand pull(String topic, int queueId, long offset, int max, int sysFlag, long suspendMillis) {
        return RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putExt("consumerGroup", "g").putExt("topic", topic).putExt("queueId", queueId)
                .putExt("queueOffset", offset).putExt("maxMsgNums", max).putExt("sysFlag", sysFlag)
                .putExt("commitOffset", 0).putExt("suspendTimeoutMillis", suspendMillis).putExt("subVersion", 0);
    }

    @Test
    void offsetsAreKeptPerGroupAndQueueAndANewGroupStartsAtZero() throws Exception {
        try (RemotingClient client = new RemotingClient(RemotingClientConfig.defaults())) {
            assertThat(queryOffset(client, "g", "T", 1).ext("offset")).isEqualTo("0");
            RemotingCommand update = RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                    .putExt("consumerGroup", "g").putExt("topic", "T").putExt("queueId", 1).putExt("commitOffset", 77);
            assertThat(client.invokeSync(brokerAddress(), update, 3000).code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(queryOffset(client, "g", "T", 1).ext("offset")).isEqualTo("77");
            assertThat(queryOffset(client, "g", "T", 2).ext("offset")).isEqualTo("0");
            assertThat(queryOffset(client, "other", "T", 1).ext("offset")).isEqualTo("0");
            // a pull carrying COMMIT_OFFSET commits too
            RemotingCommand pull = pull("T", 2, 10, 1, 0x1, 0).putExt("commitOffset", 10);
            assertThat(client.invokeSync(brokerAddress(), pull, 3000).code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(queryOffset(client, "g", "T", 2).ext("offset")).isEqualTo("10");
            RemotingCommand strict = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET).putExt("consumerGroup", "new")
                    .putExt("topic", "T").putExt("queueId", 0).putExt("setZeroIfNotFound", false);
            assertThat(client.invokeSync(brokerAddress(), strict, 3000).code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);

            RemotingCommand max = RemotingCommand.request(RequestCode.GET_MAX_OFFSET).putExt("topic", "T").putExt("queueId", 0);
            assertThat(client.invokeSync(brokerAddress(), max, 3000).ext("offset")).isEqualTo(Long.toString(BACKLOG));
            RemotingCommand retryMax = RemotingCommand.request(RequestCode.GET_MAX_OFFSET).putExt("topic", "%RETRY%g")
                    .putExt("queueId", 0);
            assertThat(client.invokeSync(brokerAddress(), retryMax, 3000).ext("offset")).isEqualTo("0");
            RemotingCommand min = RemotingCommand.request(RequestCode.GET_MIN_OFFSET).putExt("topic", "T").putExt("queueId", 0);
            assertThat(client.invokeSync(brokerAddress(), min, 3000).ext("offset")).isEqualTo("0");
            RemotingCommand byTime = RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP).putExt("topic", "T")
                    .putExt("queueId", 0).putExt("timestamp", 0);
            assertThat(client.invokeSync(brokerAddress(), byTime, 3000).ext("offset")).isEqualTo("0");
            RemotingCommand sendBack = RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK).putExt("offset", 0)
                    .putExt("group", "g").putExt("delayLevel", 0);
            assertThat(client.invokeSync(brokerAddress(), sendBack, 3000).code()).isEqualTo(ResponseCode.SUCCESS);
        }
    }

    private RemotingCommand queryOffset(RemotingClient client, String group, String topic, int queueId) throws Exception {
        RemotingCommand query = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putExt("consumerGroup", group).putExt("topic", topic).putExt("queueId", queueId);
        RemotingCommand answer = client.invokeSync(brokerAddress(), query, 3000);
        assertThat(answer.code()).isEqualTo(ResponseCode.SUCCESS);
        return answer;
    }

    @Test
    void theConsumerListHoldsTheClientIdsOfTheGroupsHeartbeats() throws Exception {
        AtomicInteger notifications = new AtomicInteger();
        try (RemotingClient client = new RemotingClient(RemotingClientConfig.defaults())) {
            client.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (channel, request) -> {
                notifications.incrementAndGet();
                return null;
            }, null);
            assertThat(consumerList(client, "g").code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
            assertThat(client.invokeSync(brokerAddress(), heartbeat("10.0.0.1@a", "g"), 3000).code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(client.invokeSync(brokerAddress(), heartbeat("10.0.0.2@b", "g"), 3000).code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(client.invokeSync(brokerAddress(), heartbeat("10.0.0.2@b", "g"), 3000).code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(client.invokeSync(brokerAddress(), heartbeat("10.0.0.3@c", "h"), 3000).code()).isEqualTo(ResponseCode.SUCCESS);
            RemotingCommand list = consumerList(client, "g");
            assertThat(list.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(RemotingJson.decode(list.body(), ConsumerIdList.class).consumerIdList())
                    .containsExactlyInAnyOrder("10.0.0.1@a", "10.0.0.2@b");

            RemotingCommand unregister = RemotingCommand.request(RequestCode.UNREGISTER_CLIENT)
                    .putExt("clientID", "10.0.0.1@a").putExt("consumerGroup", "g");
            assertThat(client.invokeSync(brokerAddress(), unregister, 3000).code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(RemotingJson.decode(consumerList(client, "g").body(), ConsumerIdList.class).consumerIdList())
                    .containsExactly("10.0.0.2@b");
            // every change of a group is told once to each connection of its members: a, b and c
            // joined, a left (all on this one connection); b's second heartbeat changed nothing
            await().atMost(Duration.ofSeconds(3)).until(() -> notifications.get() >= 4);
            Thread.sleep(100); // a fifth notification would arrive by now
            assertThat(notifications.get()).isEqualTo(4);
        }
    }

    private RemotingCommand consumerList(RemotingClient client, String group) throws Exception {
        return client.invokeSync(brokerAddress(),
                RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP).putExt("consumerGroup", group), 3000);
    }

    private static RemotingCommand heartbeat(String clientId, String group) {
        String body = "{\"clientID\":\"" + clientId + "\",\"consumerDataSet\":[{\"consumeFromWhere\":\"CONSUME_FROM_FIRST_OFFSET\","
                + "\"consumeType\":\"CONSUME_PASSIVELY\",\"groupName\":\"" + group + "\",\"messageModel\":\"CLUSTERING\","
                + "\"subscriptionDataSet\":[{\"classFilterMode\":false,\"codeSet\":[],\"expressionType\":\"TAG\","
                + "\"subString\":\"*\",\"subVersion\":1,\"tagsSet\":[],\"topic\":\"T\"}],\"unitMode\":false}],"
                + "\"producerDataSet\":[]}";
        return RemotingCommand.request(RequestCode.HEART_BEAT).setBody(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requestsItDoesNotAnswerAreRefusedByCodeAndCounted() throws Exception {
        try (RemotingClient client = new RemotingClient(RemotingClientConfig.defaults())) {
            RemotingCommand query = RemotingCommand.request(RequestCode.QUERY_MESSAGE);
            RemotingCommand answer = client.invokeSync(brokerAddress(), query, 3000);
            assertThat(answer.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
            assertThat(answer.remark()).contains("null broker", Integer.toString(RequestCode.QUERY_MESSAGE));
            assertThat(client.invokeSync(brokerAddress(), RemotingCommand.request(9999), 3000).code())
                    .isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
            assertThat(client.invokeSync(brokerAddress(), RemotingCommand.request(9999), 3000).code())
                    .isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);

            RemotingCommand register = RemotingCommand.request(RequestCode.REGISTER_BROKER);
            assertThat(client.invokeSync(namesrv(), register, 3000).code())
                    .isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        }
        assertThat(broker.unsupportedRequests()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                RequestCode.QUERY_MESSAGE, 1L, RequestCode.REGISTER_BROKER, 1L, 9999, 2L)));
        assertThat(broker.sends()).isZero();
        assertThat(broker.pulledMessages()).isZero();
    }

    @Test
    void optionsAreParsedAndBadOnesNamed() {
        assertThat(NullBrokerCommand.parse(new String[0]))
                .isEqualTo(new NullBrokerCommand.Options("127.0.0.1", 9876, 10911, 1024, 100_000_000L));
        assertThat(NullBrokerCommand.parse(new String[]{"--namesrv-port", "1", "--broker-port", "2", "--host", "::1",
                "--size", "4096", "--backlog", "1_000"}))
                .isEqualTo(new NullBrokerCommand.Options("::1", 1, 2, 4096, 1000));
        assertThat(NullBrokerCommand.parse(new String[]{"--help"})).isNull();
        assertThatThrownBy(() -> NullBrokerCommand.parse(new String[]{"--broker-port", "70000"}))
                .hasMessageContaining("--broker-port").hasMessageContaining("70000");
        assertThatThrownBy(() -> NullBrokerCommand.parse(new String[]{"--namesrv-port"}))
                .hasMessageContaining("--namesrv-port needs a value");
        assertThatThrownBy(() -> NullBrokerCommand.parse(new String[]{"--color", "red"}))
                .hasMessageContaining("unknown option --color");
        assertThatThrownBy(() -> NullBrokerCommand.parse(new String[]{"--size", "0"}))
                .hasMessageContaining("--size").hasMessageContaining("'0'");
        assertThatThrownBy(() -> NullBrokerCommand.parse(new String[]{"--size", "5000000"}))
                .hasMessageContaining("--size").hasMessageContaining("4194304");
        assertThatThrownBy(() -> NullBrokerCommand.parse(new String[]{"--backlog", "lots"}))
                .hasMessageContaining("--backlog").hasMessageContaining("lots");
        assertThatThrownBy(() -> NullBrokerCommand.parse(new String[]{"--backlog", Long.toString(Long.MAX_VALUE / 2)}))
                .hasMessageContaining("--backlog must be at most " + NullBroker.maxBacklog(1024));
        assertThat(NullBrokerCommand.usage()).contains("--size", "--backlog", "virtual backlog");
    }
}
