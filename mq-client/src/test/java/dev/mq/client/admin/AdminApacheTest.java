package dev.mq.client.admin;

import dev.mq.apache.harness.ApacheRocketMq;
import dev.mq.client.MqClient;
import dev.mq.client.ReceivedMessage;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The read-only admin calls against the real Apache RocketMQ 5.5.0 (one cluster for the class): the
 * data is made with the official 5.5.0 client, a backlog partly consumed by its push consumer, a
 * group kept online, and dead letters made by a consumer that always fails. Also broker config and
 * statistics, consumer running info, QUERY_CONSUME_TIME_SPAN and QUERY_TOPICS_BY_CONSUMER (which our
 * server answers too, {@code AdminServerTest}), and the dev.mq extension requests reported as not
 * supported by Apache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class AdminApacheTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "AdminOrders";
    private static final String DEAD_TOPIC = "AdminFailing";
    private static final String PART_GROUP = "admin-part-cg";
    private static final String ONLINE_GROUP = "admin-online-cg";
    private static final String DEAD_GROUP = "admin-dead-cg";

    private ApacheRocketMq apache;
    private MqClient client;
    private MqAdmin admin;
    private DefaultMQProducer producer;
    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();
    private DefaultMQPushConsumer online;
    private final List<SendResult> firstBatch = new ArrayList<>();
    private final List<SendResult> secondBatch = new ArrayList<>();
    private Instant beforeSends;
    private Instant afterSends;

    @BeforeAll
    void startApacheAndMakeData() throws Exception {
        apache = ApacheRocketMq.start(Path.of("target", "apache-rocketmq", "admin-" + System.nanoTime()));
        client = AdminFixtures.client(apache.namesrvAddress());
        admin = client.admin();
        producer = new DefaultMQProducer("admin-test-pg");
        producer.setNamesrvAddr(apache.namesrvAddress());
        producer.setInstanceName("admin-test-producer");
        producer.start();

        beforeSends = Instant.now().minusSeconds(1);
        for (int i = 0; i < 10; i++) {
            firstBatch.add(producer.send(message(TOPIC, "a" + i)));
        }
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer part = consumer(PART_GROUP, TOPIC, consumed, ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        await().atMost(WAIT).until(() -> consumed.size() >= 10);
        part.shutdown(); // commits its offsets: the first batch is consumed
        consumers.remove(part);
        for (int i = 0; i < 5; i++) {
            secondBatch.add(producer.send(message(TOPIC, "b" + i)));
        }
        afterSends = Instant.now().plusSeconds(1);

        Set<String> all = ConcurrentHashMap.newKeySet();
        online = consumer(ONLINE_GROUP, TOPIC, all, ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        await().atMost(WAIT).until(() -> all.size() >= 15);

        producer.send(message(DEAD_TOPIC, "d0")); // first: a consumer of a missing topic waits for the next rebalance
        producer.send(message(DEAD_TOPIC, "d1"));
        DefaultMQPushConsumer failing = new DefaultMQPushConsumer(DEAD_GROUP);
        failing.setMaxReconsumeTimes(0); // the first failure makes a dead letter
        start(failing, DEAD_TOPIC, ConcurrentHashMap.newKeySet(), ConsumeConcurrentlyStatus.RECONSUME_LATER);
        await().atMost(WAIT).ignoreExceptions().until(() -> admin.deadLetterGroups().groups().stream()
                .anyMatch(g -> g.group().equals(DEAD_GROUP) && g.count() == 2));
    }

    private static Message message(String topic, String key) {
        return new Message(topic, "TagA", key, ("body " + key).getBytes(StandardCharsets.UTF_8));
    }

    private DefaultMQPushConsumer consumer(String group, String topic, Set<String> keys, ConsumeConcurrentlyStatus status)
            throws Exception {
        return start(new DefaultMQPushConsumer(group), topic, keys, status);
    }

    private DefaultMQPushConsumer start(DefaultMQPushConsumer consumer, String topic, Set<String> keys,
                                        ConsumeConcurrentlyStatus status) throws Exception {
        consumer.setNamesrvAddr(apache.namesrvAddress());
        consumer.setInstanceName(consumer.getConsumerGroup() + "-" + System.nanoTime());
        consumer.setPersistConsumerOffsetInterval(1000);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> keys.add(m.getKeys()));
            return status;
        });
        consumer.start();
        consumers.add(consumer);
        return consumer;
    }

    @AfterAll
    void stop() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        if (producer != null) {
            producer.shutdown();
        }
        if (client != null) {
            client.close();
        }
        if (apache != null) {
            apache.close();
        }
    }

    @Test
    void theClusterOverviewShowsTheApacheBrokerWithItsRuntimeFigures() {
        ClusterOverview overview = admin.clusterOverview();

        assertThat(overview.issues()).isEmpty();
        assertThat(overview.brokers()).singleElement().satisfies(broker -> {
            assertThat(broker.cluster()).isEqualTo(apache.clusterName());
            assertThat(broker.name()).isEqualTo(apache.brokerName());
            assertThat(broker.address()).isEqualTo(apache.brokerAddress());
            assertThat(broker.isMaster()).isTrue();
            assertThat(broker.version()).contains("V5_5_0");
            BrokerRuntimeStats runtime = broker.runtime().orElseThrow();
            assertThat(runtime.putToday().orElseThrow()).isGreaterThanOrEqualTo(17);
            assertThat(runtime.diskRatio()).isPresent();
            assertThat(runtime.commitLogMaxOffset().orElseThrow()).isPositive();
            assertThat(runtime.bootTime()).isPresent();
        });
    }

    @Test
    void topicsOfApacheAreListedWithTheirKinds() {
        TopicListing listing = admin.topics();

        assertThat(listing.issues()).isEmpty();
        TopicSummary orders = listing.topic(TOPIC).orElseThrow();
        assertThat(orders.kind()).isEqualTo(TopicKind.NORMAL);
        assertThat(orders.readQueues()).isEqualTo(4);
        assertThat(orders.brokers()).containsExactly(apache.brokerName());
        assertThat(orders.totalMessages()).hasValue(15);
        assertThat(listing.topic("%RETRY%" + ONLINE_GROUP).orElseThrow().kind()).isEqualTo(TopicKind.RETRY);
        assertThat(listing.topic("%DLQ%" + DEAD_GROUP).orElseThrow().kind()).isEqualTo(TopicKind.DEAD_LETTER);
        for (String system : List.of("TBW102", "SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC", "BenchmarkTest",
                apache.clusterName(), apache.brokerName(), "rmq_sys_wheel_timer")) {
            assertThat(listing.topic(system)).as(system).hasValueSatisfying(t ->
                    assertThat(t.kind()).isEqualTo(TopicKind.SYSTEM));
        }
        assertThat(listing.ofKind(TopicKind.NORMAL)).extracting(TopicSummary::name)
                .containsExactlyInAnyOrder(TOPIC, DEAD_TOPIC);
        assertThat(admin.topicsOfCluster(apache.clusterName()).names()).contains(TOPIC, DEAD_TOPIC);
    }

    @Test
    void topicStatusAndRouteOfAnApacheTopic() {
        TopicStatus status = admin.topicStatus(TOPIC);
        TopicRouteInfo route = admin.topicRoute(TOPIC);

        assertThat(status.issues()).isEmpty();
        assertThat(status.queues()).hasSize(4).allSatisfy(queue -> {
            assertThat(queue.queue().brokerName()).isEqualTo(apache.brokerName());
            assertThat(queue.minOffset()).isZero();
        });
        assertThat(status.totalMessages()).isEqualTo(15);
        assertThat(status.lastStoreTime()).hasValueSatisfying(t -> assertThat(t).isBetween(beforeSends, afterSends));
        assertThat(route.queues()).singleElement().satisfies(q -> {
            assertThat(q.readQueues()).isEqualTo(4);
            assertThat(q.readable() && q.writable()).isTrue();
        });
        assertThat(route.brokers()).singleElement().satisfies(b ->
                assertThat(b.addresses()).containsEntry(0L, apache.brokerAddress()));
    }

    @Test
    void aGroupThatConsumedPartOfTheBacklogShowsTheRestAsLagAndItsAge() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.group(PART_GROUP).totalLag()).isEqualTo(Lag.of(5)));

        GroupDetail part = admin.group(PART_GROUP);

        assertThat(part.online()).isFalse();
        assertThat(part.queuesOf(TOPIC)).hasSize(4).allSatisfy(q -> {
            assertThat(q.consumerOffset()).isPresent();
            assertThat(q.lag()).isEqualTo(Lag.between(q.brokerOffset(), q.consumerOffset().getAsLong()));
        });
        assertThat(part.lagOf(TOPIC)).isEqualTo(Lag.of(5));
        assertThat(part.backlogAge()).hasValueSatisfying(age -> assertThat(age).isPositive()
                .isLessThan(Duration.between(beforeSends, Instant.now()).plusSeconds(5)));
        assertThat(part.issues()).isEmpty();
        assertThat(admin.topicsOf(PART_GROUP).names()).contains(TOPIC);
    }

    @Test
    void anOnlineGroupShowsItsClientSubscriptionsModeAndTheQueuesEachClientHolds() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.group(ONLINE_GROUP).totalLag()).isEqualTo(Lag.ZERO));
        String clientId = online.getDefaultMQPushConsumerImpl().getmQClientFactory().getClientId();

        GroupDetail group = admin.group(ONLINE_GROUP);

        assertThat(group.clients()).singleElement().satisfies(c -> {
            assertThat(c.clientId()).isEqualTo(clientId);
            assertThat(c.versionName()).isEqualTo("V5_5_0");
        });
        assertThat(group.consumeType()).contains(ConsumeType.PUSH);
        assertThat(group.messageModel()).contains(MessageModel.CLUSTERING);
        assertThat(group.consumeFromWhere()).contains("CONSUME_FROM_LAST_OFFSET");
        assertThat(group.subscriptions()).extracting(Subscription::topic).contains(TOPIC, "%RETRY%" + ONLINE_GROUP);
        assertThat(group.queuesOf(TOPIC)).hasSize(4).allSatisfy(q -> {
            assertThat(q.client()).contains(clientId);
            assertThat(q.lag()).isEqualTo(Lag.ZERO);
            assertThat(q.backlogAge()).contains(Duration.ZERO);
        });
        assertThat(group.queuesOf(TOPIC)).anySatisfy(q -> assertThat(q.lastConsumeTime()).isPresent());
        assertThat(group.issues()).isEmpty();

        ConsumerRunningInfo info = admin.consumerRunningInfo(ONLINE_GROUP, clientId);
        assertThat(info.queues()).hasSize(4);
        assertThat(info.properties()).containsEntry("consumerGroup", ONLINE_GROUP);
    }

    @Test
    void theGroupListShowsLagsAndMarksApachesOwnGroups() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.consumerGroups().group(PART_GROUP).orElseThrow()
                .totalLag()).isEqualTo(Lag.of(5)));

        ConsumerGroupListing listing = admin.consumerGroups();

        assertThat(listing.issues()).isEmpty();
        ConsumerGroupSummary onlineGroup = listing.group(ONLINE_GROUP).orElseThrow();
        assertThat(onlineGroup.onlineClients()).isEqualTo(1);
        assertThat(onlineGroup.consumeType()).contains(ConsumeType.PUSH);
        assertThat(onlineGroup.system()).isFalse();
        assertThat(listing.group(PART_GROUP).orElseThrow().onlineClients()).isZero();
        assertThat(listing.group("TOOLS_CONSUMER").orElseThrow().system()).isTrue();
        assertThat(listing.group("CID_RMQ_SYS_TRANS").orElseThrow().system()).isTrue();
        assertThat(admin.consumerGroupsOf(TOPIC).names()).contains(PART_GROUP, ONLINE_GROUP);
    }

    @Test
    void messagesAreFoundByKeyByIdAndByTimeAndTrackedPerGroup() {
        SendResult first = firstBatch.get(2);
        SendResult late = secondBatch.get(1);

        MessageSearch byKey = admin.messagesByKey(TOPIC, "a2", beforeSends, afterSends);
        assertThat(byKey.issues()).isEmpty();
        assertThat(byKey.messages()).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(first.getMsgId());
            assertThat(m.keys()).containsExactly("a2");
            assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("body a2");
        });
        assertThat(admin.messagesById(TOPIC, first.getMsgId()).messages()).extracting(ReceivedMessage::offsetMessageId)
                .containsExactly(first.getOffsetMsgId());
        assertThat(admin.messagesById(TOPIC, first.getOffsetMsgId()).messages()).extracting(ReceivedMessage::messageId)
                .containsExactly(first.getMsgId());
        MessageSearch byTime = admin.messagesByTime(TOPIC, beforeSends, afterSends, 100);
        assertThat(byTime.messages()).hasSize(15);
        assertThat(byTime.truncated()).isFalse();
        assertThat(byTime.messages()).extracting(ReceivedMessage::storeTimestamp).isSorted();

        ReceivedMessage consumed = byKey.messages().get(0);
        ReceivedMessage notYet = admin.messagesById(TOPIC, late.getMsgId()).messages().get(0);
        Map<String, MessageTrack.Status> consumedTracks = admin.track(consumed).stream()
                .collect(Collectors.toMap(MessageTrack::group, MessageTrack::status));
        Map<String, MessageTrack.Status> laterTracks = admin.track(notYet).stream()
                .collect(Collectors.toMap(MessageTrack::group, MessageTrack::status));

        assertThat(consumedTracks).containsEntry(PART_GROUP, MessageTrack.Status.CONSUMED);
        assertThat(laterTracks).containsEntry(PART_GROUP, MessageTrack.Status.NOT_ONLINE);
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.track(notYet)).anySatisfy(track -> {
            assertThat(track.group()).isEqualTo(ONLINE_GROUP);
            assertThat(track.status()).isEqualTo(MessageTrack.Status.CONSUMED);
        }));
    }

    @Test
    void brokerConfigAndStatisticsWorkAndOurExtensionRequestsAreReportedAsNotSupported() {
        Map<String, String> config = admin.brokerConfig(apache.brokerName());
        assertThat(config).containsEntry("brokerName", apache.brokerName())
                .containsEntry("brokerClusterName", apache.clusterName())
                .containsEntry("listenPort", apache.brokerAddress().substring(apache.brokerAddress().lastIndexOf(':') + 1))
                .containsKeys("autoCreateTopicEnable", "flushDiskType", "messageDelayLevel", "namesrvAddr");
        BrokerStatsSnapshot puts = admin.brokerStats(apache.brokerName(), BrokerStatsSnapshot.TOPIC_PUT_NUMS, TOPIC);
        assertThat(puts.brokerName()).isEqualTo(apache.brokerName());
        assertThat(puts.statsKey()).isEqualTo(TOPIC);
        // Apache samples its statistics periodically: right after the sends the windows may still be empty
        assertThat(puts.minute().sum()).isNotNegative();
        assertThat(puts.minute().tps()).isNotNegative();

        assertThatThrownBy(() -> admin.deadLetters(DEAD_GROUP, DeadLetterCursor.FIRST, 10))
                .isInstanceOfSatisfying(NotSupportedByBrokerException.class, e -> {
                    assertThat(e.brokerName()).isEqualTo(apache.brokerName());
                    assertThat(e.operation()).startsWith("LIST_DEAD_LETTERS");
                });
        assertThatThrownBy(() -> admin.resendAllDeadLetters(DEAD_GROUP))
                .isInstanceOf(NotSupportedByBrokerException.class);
        DeadLetterGroup dead = admin.deadLetterGroups().groups().stream().filter(g -> g.group().equals(DEAD_GROUP))
                .findFirst().orElseThrow();
        assertThat(dead.count()).isEqualTo(2);
        assertThat(dead.brokers()).containsExactly(apache.brokerName());
    }
}
