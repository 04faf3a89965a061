package dev.mq.client.admin;

import dev.mq.client.MqBrokerException;
import dev.mq.client.MqClient;
import dev.mq.client.MqClientException;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.SendResult;
import dev.mq.client.internal.Registration;
import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The admin API against our server started here: a name server with {@code broker-a}, and
 * {@code broker-b} joining it, so that every operation that involves several brokers is proven to
 * gather from both. Data is real: sent with the client's producer, "consumed" as consumers do it on
 * the wire (pull, commit), groups made online through the client's heartbeat.
 */
@Timeout(60)
class AdminServerTest {

    @TempDir
    static Path brokerBDir;

    private static EmbeddedServer server;
    private static EmbeddedServer brokerB;
    private static MqClient client;
    private static MqAdmin admin;

    @BeforeAll
    static void start() {
        server = AdminFixtures.small().start();
        brokerB = AdminFixtures.joiningBroker(server, "broker-b", brokerBDir);
        client = AdminFixtures.client(server.namesrvAddress());
        admin = client.admin();
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.clusterOverview().brokers().size() == 2);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (brokerB != null) {
            brokerB.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String addressOf(String broker) {
        return broker.equals("broker-a") ? server.brokerAddress() : brokerB.brokerAddress();
    }

    /** A topic with {@code queues} queues on both brokers, visible in the route. */
    private static String topicOnBothBrokers(String prefix, int queues) {
        String topic = AdminFixtures.unique(prefix);
        WriteResult created = admin.createOrUpdateTopic(TopicSpec.builder(topic).queues(queues).build());
        assertThat(created.applied()).containsExactly("broker-a", "broker-b");
        assertThat(created.isComplete()).isTrue();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> admin.topicRoute(topic).queues().size() == 2);
        return topic;
    }

    /** Sends and waits until the brokers' consume queues show every message (they are built asynchronously). */
    private static List<SendResult> send(String topic, int count, String keyPrefix, String tag) {
        long before = admin.topicStatus(topic).totalMessages();
        List<SendResult> sent = AdminFixtures.send(client, topic, count, keyPrefix, tag);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.topicStatus(topic).totalMessages() == before + count);
        return sent;
    }

    /** Commits, for every queue of the topic, the offset {@code offsetOf} gives (from the queue's status). */
    private static void commitAll(String group, String topic, java.util.function.ToLongFunction<QueueStatus> offsetOf) {
        for (QueueStatus queue : admin.topicStatus(topic).queues()) {
            // a consumer pulls before it commits; the pull also makes the group known to the broker
            AdminFixtures.pull(client, addressOf(queue.queue().brokerName()), queue.queue().brokerName(), group, topic,
                    queue.queue().queueId(), 0);
            AdminFixtures.commit(client, addressOf(queue.queue().brokerName()), queue.queue().brokerName(), group, topic,
                    queue.queue().queueId(), offsetOf.applyAsLong(queue));
        }
    }

    /** Messages of {@code sent} stored by each broker. */
    private static Map<String, Long> perBroker(List<SendResult> sent) {
        return sent.stream().collect(Collectors.groupingBy(SendResult::brokerName, TreeMap::new, Collectors.counting()));
    }

    @Test
    void theClusterOverviewListsBothBrokersWithTheirRatesAndTodaysTotals() {
        String topic = topicOnBothBrokers("Overview", 2);
        Map<String, Long> sentTo = perBroker(send(topic, 10, "o", "TagA"));
        assertThat(sentTo).containsOnlyKeys("broker-a", "broker-b");

        ClusterOverview overview = admin.clusterOverview();

        assertThat(overview.issues()).isEmpty();
        assertThat(overview.byCluster()).containsOnlyKeys("DefaultCluster");
        assertThat(overview.brokers()).extracting(BrokerInfo::name, BrokerInfo::address, BrokerInfo::isMaster)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("broker-a", server.brokerAddress(), true),
                        org.assertj.core.groups.Tuple.tuple("broker-b", brokerB.brokerAddress(), true));
        for (BrokerInfo broker : overview.brokers()) {
            BrokerRuntimeStats runtime = broker.runtime().orElseThrow();
            // the version is that of the Apache release whose protocol our server speaks
            assertThat(broker.version()).contains("V5_3_3");
            assertThat(runtime.raw()).containsEntry("brokerVersion", "479").containsEntry("brokerActive", "true");
            long sentHere = sentTo.get(broker.name());
            assertThat(runtime.putToday().orElseThrow()).as("stored today by " + broker.name())
                    .isGreaterThanOrEqualTo(sentHere);
            assertThat(runtime.getToday()).isPresent();
            assertThat(runtime.putYesterday()).isPresent();
            assertThat(runtime.putTps().orElseThrow()).as("sends of the last 10 s").isPositive();
            assertThat(runtime.getTps().orElseThrow()).isNotNegative();
            assertThat(runtime.commitLogMaxOffset().orElseThrow()).isPositive();
            assertThat(runtime.diskRatio().orElseThrow()).isBetween(0.0, 1.0);
            assertThat(runtime.bootTime()).hasValueSatisfying(boot -> assertThat(boot).isBefore(Instant.now()));
            assertThat(runtime.dispatchBehindBytes()).isPresent();
        }
        assertThat(overview.master("broker-b")).isPresent();
    }

    @Test
    void topicsAreListedWithKindQueuesBrokersAndMessagesOfBothBrokers() {
        String topic = topicOnBothBrokers("Listed", 4);
        List<SendResult> sent = send(topic, 12, "k", "TagA");
        assertThat(sent).extracting(SendResult::brokerName).contains("broker-a", "broker-b");
        String group = AdminFixtures.unique("kinds-cg");
        ReceivedMessage first = AdminFixtures.pull(client, addressOf(sent.get(0).brokerName()), sent.get(0).brokerName(),
                group, topic, sent.get(0).queueId(), 0).get(0);
        AdminFixtures.deadLetter(client, addressOf(sent.get(0).brokerName()), group, first);

        TopicListing listing = admin.topics();

        assertThat(listing.issues()).isEmpty();
        TopicSummary summary = listing.topic(topic).orElseThrow();
        assertThat(summary.kind()).isEqualTo(TopicKind.NORMAL);
        assertThat(summary.readQueues()).isEqualTo(8);
        assertThat(summary.writeQueues()).isEqualTo(8);
        assertThat(summary.brokers()).containsExactlyInAnyOrder("broker-a", "broker-b");
        assertThat(summary.totalMessages()).hasValue(12);
        assertThat(listing.topic("%DLQ%" + group).orElseThrow().kind()).isEqualTo(TopicKind.DEAD_LETTER);
        assertThat(listing.topic("%DLQ%" + group).orElseThrow().totalMessages()).hasValue(1);
        assertThat(listing.topic("TBW102").orElseThrow().kind()).isEqualTo(TopicKind.SYSTEM);
        assertThat(listing.topic("SCHEDULE_TOPIC_XXXX").orElseThrow().kind()).isEqualTo(TopicKind.SYSTEM);
        assertThat(listing.topics()).extracting(TopicSummary::name).isSorted();
        assertThat(listing.ofKind(TopicKind.NORMAL)).extracting(TopicSummary::name).contains(topic)
                .doesNotContain("TBW102");
        // the name server's GET_TOPICS_BY_CLUSTER: the dead-letter topic is routed once its broker re-registered
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin.topicsOfCluster("DefaultCluster")
                .names()).contains(topic, "%DLQ%" + group));
        assertThat(admin.topicsOfCluster("DefaultCluster").issues()).isEmpty();
        assertThat(admin.topicsOfCluster("NoSuchCluster").names()).isEmpty();
    }

    @Test
    void topicStatusAndRouteCoverEveryQueueOfBothBrokers() {
        String topic = topicOnBothBrokers("Status", 3);
        send(topic, 9, "s", "TagA");

        TopicStatus status = admin.topicStatus(topic);
        TopicRouteInfo route = admin.topicRoute(topic);

        assertThat(status.issues()).isEmpty();
        assertThat(status.queues()).extracting(QueueStatus::queue).containsExactly(
                new QueueRef(topic, "broker-a", 0), new QueueRef(topic, "broker-a", 1), new QueueRef(topic, "broker-a", 2),
                new QueueRef(topic, "broker-b", 0), new QueueRef(topic, "broker-b", 1), new QueueRef(topic, "broker-b", 2));
        assertThat(status.totalMessages()).isEqualTo(9);
        assertThat(status.queues()).allSatisfy(queue -> {
            assertThat(queue.minOffset()).isZero();
            assertThat(queue.lastStoreTime().isPresent()).isEqualTo(queue.maxOffset() > 0);
        });
        assertThat(status.lastStoreTime()).isPresent();
        assertThat(route.queues()).extracting(TopicRouteInfo.QueueGroup::brokerName, TopicRouteInfo.QueueGroup::readQueues)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("broker-a", 3),
                        org.assertj.core.groups.Tuple.tuple("broker-b", 3));
        assertThat(route.queues()).allSatisfy(q -> assertThat(q.readable() && q.writable()).isTrue());
        assertThat(route.brokers()).extracting(b -> b.addresses().get(0L))
                .containsExactly(server.brokerAddress(), brokerB.brokerAddress());
    }

    @Test
    void aTopicIsUpdatedOnOneBrokerAndDeletedFromBrokersAndNameServer() {
        String topic = topicOnBothBrokers("Changed", 4);

        WriteResult updated = admin.createOrUpdateTopic(TopicSpec.builder(topic).readQueues(6).writeQueues(6)
                .brokers("broker-a").build());
        assertThat(updated.applied()).containsExactly("broker-a");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin.topicRoute(topic).queues())
                .extracting(TopicRouteInfo.QueueGroup::readQueues).containsExactly(6, 4));

        WriteResult deleted = admin.deleteTopic(topic);
        assertThat(deleted.isComplete()).isTrue();
        assertThat(deleted.applied()).contains("broker-a", "broker-b", "name server " + server.namesrvAddress());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThatThrownBy(() -> admin.topicRoute(topic)).isInstanceOf(MqClientException.class)
                    .hasMessageContaining("topic " + topic + " does not exist");
            assertThat(admin.topics().topic(topic)).isEmpty();
        });
        assertThatThrownBy(() -> admin.createOrUpdateTopic(TopicSpec.builder(topic).brokers("broker-x").build()))
                .isInstanceOf(MqClientException.class).hasMessageContaining("no broker named broker-x");
        assertThatThrownBy(() -> TopicSpec.builder("TBW102").build()).isInstanceOf(MqClientException.class)
                .hasMessageContaining("system topic");
    }

    @Test
    void lagIsExactPerQueueAndTotalNeverNegativeAndUnknownWhereItCannotBeTold() {
        String topic = topicOnBothBrokers("Lag", 2);
        send(topic, 16, "l", "TagA");
        String consumedAll = AdminFixtures.unique("all-cg");
        String partly = AdminFixtures.unique("part-cg");
        String fresh = AdminFixtures.unique("fresh-cg");
        String ahead = AdminFixtures.unique("ahead-cg");
        String broadcast = AdminFixtures.unique("bcast-cg");
        commitAll(consumedAll, topic, QueueStatus::maxOffset);
        commitAll(partly, topic, queue -> queue.queue().queueId() == 0 ? queue.maxOffset() : 1);
        commitAll(ahead, topic, queue -> queue.maxOffset() + 5);
        long partlyExpected = admin.topicStatus(topic).queues().stream()
                .filter(q -> q.queue().queueId() == 1).mapToLong(q -> q.maxOffset() - 1).sum();
        assertThat(partlyExpected).isPositive();

        List<QueueRef> queues = admin.topicStatus(topic).queues().stream().map(QueueStatus::queue).toList();
        Instant lastConsumed = Instant.ofEpochMilli(System.currentTimeMillis() - 3_000);
        try (MqClient consumers = AdminFixtures.client(server.namesrvAddress());
             Registration onlinePart = AdminFixtures.online(consumers, partly, "CONSUME_ACTIVELY", "CLUSTERING", topic);
             // partly's client answers GET_CONSUMER_RUNNING_INFO as a consumer does: it holds every queue
             Registration answering = AdminFixtures.answersRunningInfo(consumers, partly, queues, lastConsumed);
             // fresh's client has nothing that answers it
             Registration onlineFresh = AdminFixtures.online(consumers, fresh, "CONSUME_PASSIVELY", "CLUSTERING", topic);
             Registration onlineBroadcast = AdminFixtures.online(consumers, broadcast, "CONSUME_PASSIVELY",
                     "BROADCASTING", topic)) {
            AdminFixtures.core(consumers).routes().route(topic).join(); // heartbeats reach both brokers of the route
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.group(fresh).online()
                    && admin.group(partly).online() && admin.group(broadcast).online());

            GroupDetail all = admin.group(consumedAll);
            assertThat(all.totalLag()).isEqualTo(Lag.ZERO);
            assertThat(all.online()).isFalse();
            assertThat(all.queues()).hasSize(4).allSatisfy(q -> {
                assertThat(q.consumerOffset()).hasValue(q.brokerOffset());
                assertThat(q.backlogAge()).contains(Duration.ZERO);
            });
            assertThat(all.backlogAge()).contains(Duration.ZERO);

            GroupDetail part = admin.group(partly);
            assertThat(part.totalLag()).isEqualTo(Lag.of(partlyExpected));
            assertThat(part.lagOf(topic)).isEqualTo(Lag.of(partlyExpected));
            assertThat(part.clients()).extracting(ConsumerClient::clientId).containsExactly(consumers.clientId());
            assertThat(part.consumeType()).contains(ConsumeType.PULL);
            assertThat(part.messageModel()).contains(MessageModel.CLUSTERING);
            assertThat(part.subscriptions()).extracting(Subscription::topic).contains(topic);
            assertThat(part.queues()).filteredOn(q -> q.queue().queueId() == 1).allSatisfy(q -> {
                assertThat(q.consumerOffset()).hasValue(1);
                assertThat(q.lag()).isEqualTo(Lag.of(q.brokerOffset() - 1));
                assertThat(q.lastConsumedStoreTime()).isPresent();
                assertThat(q.backlogAge()).hasValueSatisfying(age -> assertThat(age).isBetween(Duration.ZERO,
                        Duration.ofMinutes(1)));
            });
            assertThat(part.backlogAge()).hasValueSatisfying(age -> assertThat(age).isPositive());
            // the broker relays GET_CONSUMER_RUNNING_INFO to the client, which says which queues it holds
            assertThat(part.queues()).extracting(QueueProgress::queue).containsExactlyElementsOf(queues);
            assertThat(part.queues()).allSatisfy(q -> {
                assertThat(q.client()).contains(consumers.clientId());
                assertThat(q.lastConsumeTime()).contains(lastConsumed);
            });
            assertThat(part.clients()).singleElement().satisfies(c ->
                    assertThat(c.version()).isEqualTo(dev.mq.protocol.RemotingCommand.CURRENT_VERSION));
            assertThat(part.issues()).isEmpty();

            GroupDetail neverCommitted = admin.group(fresh);
            assertThat(neverCommitted.totalLag()).as("young queues: a new group starts at 0").isEqualTo(Lag.of(16));
            assertThat(neverCommitted.queues()).hasSize(4)
                    .allSatisfy(q -> assertThat(q.consumerOffset()).isEmpty());
            assertThat(neverCommitted.backlogAge()).isPresent();
            // a client that does not answer: the rest of the detail stands, each queue's owner is unknown and
            // the issue names them
            assertThat(neverCommitted.queues()).allSatisfy(q -> assertThat(q.client()).isEmpty());
            assertThat(neverCommitted.issues()).singleElement().satisfies(issue -> {
                assertThat(issue.kind()).isEqualTo(BrokerIssue.Kind.REFUSED);
                assertThat(issue.operation()).isEqualTo("GET_CONSUMER_RUNNING_INFO of client " + consumers.clientId()
                        + " of group " + fresh);
                assertThat(issue.detail()).contains("no producer or consumer of group " + fresh)
                        .contains("the owning client of 4 queues is unknown: " + queues.stream().map(QueueRef::toString)
                                .collect(Collectors.joining(", ")));
            });

            GroupDetail beyond = admin.group(ahead);
            assertThat(beyond.totalLag()).isEqualTo(Lag.ZERO);
            assertThat(beyond.queues()).allSatisfy(q -> assertThat(q.lag()).isEqualTo(Lag.ZERO));

            GroupDetail broadcasting = admin.group(broadcast);
            assertThat(broadcasting.totalLag()).isEqualTo(Lag.UNKNOWN);
            assertThat(broadcasting.totalLag().toString()).isEqualTo("unknown");
            assertThat(broadcasting.backlogAge()).isEmpty();

            ConsumerGroupListing listing = admin.consumerGroups();
            assertThat(listing.issues()).isEmpty();
            assertThat(listing.group(consumedAll).orElseThrow().totalLag()).isEqualTo(Lag.ZERO);
            assertThat(listing.group(partly).orElseThrow().totalLag()).isEqualTo(Lag.of(partlyExpected));
            assertThat(listing.group(partly).orElseThrow().onlineClients()).isEqualTo(1);
            assertThat(listing.group(partly).orElseThrow().brokers()).containsExactlyInAnyOrder("broker-a", "broker-b");
            assertThat(listing.group(fresh).orElseThrow().totalLag()).isEqualTo(Lag.of(16));
            assertThat(listing.group(ahead).orElseThrow().totalLag()).isEqualTo(Lag.ZERO);
            assertThat(listing.group(broadcast).orElseThrow().totalLag()).isEqualTo(Lag.UNKNOWN);
            assertThat(listing.group(broadcast).orElseThrow().messageModel()).contains(MessageModel.BROADCASTING);
            assertThat(listing.groups()).extracting(ConsumerGroupSummary::group).isSorted();

            assertThat(admin.topicsOf(partly).names()).containsExactly(topic);
            assertThat(admin.topicsOf(fresh).names()).as("subscribed, no offsets yet").containsExactly(topic);
            assertThat(admin.consumerGroupsOf(topic).names()).contains(consumedAll, partly, fresh, ahead);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !admin.group(fresh).online());
        assertThat(admin.consumerGroups().group(fresh).orElseThrow().totalLag())
                .as("offline and never committed: nothing to measure against").isEqualTo(Lag.UNKNOWN);
    }

    @Test
    void offsetsAreResetToATimeAndTheBacklogIsSkippedWithNoConsumerOnline() {
        String topic = topicOnBothBrokers("Reset", 2);
        send(topic, 4, "early", "TagA");
        Instant between = Instant.now();
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(between.plusMillis(20)));
        send(topic, 6, "late", "TagA");
        String group = AdminFixtures.unique("reset-cg");
        commitAll(group, topic, QueueStatus::maxOffset);
        assertThat(admin.group(group).totalLag()).isEqualTo(Lag.ZERO);

        ResetResult toTime = admin.resetOffsets(group, topic, between);
        assertThat(toTime.issues()).isEmpty();
        assertThat(toTime.offsets()).hasSize(4);
        assertThat(toTime.offsets().keySet()).extracting(QueueRef::brokerName).contains("broker-a", "broker-b");
        assertThat(admin.group(group).totalLag()).isEqualTo(Lag.of(6));

        assertThat(admin.resetOffsets(group, topic, Instant.EPOCH).offsets().values()).containsOnly(0L);
        assertThat(admin.group(group).totalLag()).isEqualTo(Lag.of(10));

        ResetResult skipped = admin.skipBacklog(group, topic);
        Map<QueueRef, Long> ends = new TreeMap<>();
        admin.topicStatus(topic).queues().forEach(q -> ends.put(q.queue(), q.maxOffset()));
        assertThat(skipped.offsets()).isEqualTo(ends);
        assertThat(admin.group(group).totalLag()).isEqualTo(Lag.ZERO);
        assertThatThrownBy(() -> admin.skipBacklog(group, AdminFixtures.unique("NoSuchTopic")))
                .isInstanceOf(MqClientException.class).hasMessageContaining("does not exist");
    }

    @Test
    void deadLettersOfBothBrokersArePagedAndResentWithNoConsumerOnline() {
        String topic = topicOnBothBrokers("Dead", 1);
        List<SendResult> sent = send(topic, 5, "d", "TagD");
        String group = AdminFixtures.unique("dlq-cg");
        List<String> deadIds = new ArrayList<>();
        for (String broker : List.of("broker-a", "broker-b")) {
            for (ReceivedMessage message : AdminFixtures.pull(client, addressOf(broker), broker, group, topic, 0, 0)) {
                AdminFixtures.deadLetter(client, addressOf(broker), group, message);
                deadIds.add(message.messageId());
            }
        }
        assertThat(deadIds).hasSize(5).containsExactlyInAnyOrderElementsOf(sent.stream().map(SendResult::messageId).toList());

        DeadLetterGroups groups = admin.deadLetterGroups();
        DeadLetterGroup withDead = groups.groups().stream().filter(g -> g.group().equals(group)).findFirst().orElseThrow();
        assertThat(withDead.count()).isEqualTo(5);
        assertThat(withDead.brokers()).containsExactlyInAnyOrder("broker-a", "broker-b");

        List<DeadLetter> paged = new ArrayList<>();
        DeadLetterPage page = admin.deadLetters(group, DeadLetterCursor.FIRST, 2);
        int pages = 1;
        paged.addAll(page.messages());
        while (page.next().isPresent()) {
            assertThat(page.messages()).hasSize(2);
            page = admin.deadLetters(group, page.next().get(), 2);
            paged.addAll(page.messages());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(page.total()).isEqualTo(5);
        assertThat(paged).extracting(DeadLetter::messageId).containsExactlyInAnyOrderElementsOf(deadIds);
        assertThat(paged).allSatisfy(dead -> {
            assertThat(dead.originTopic()).contains(topic);
            assertThat(dead.tags()).contains("TagD");
            assertThat(dead.keys()).hasSize(1);
        });
        assertThat(paged).extracting(DeadLetter::brokerName).containsSubsequence("broker-a", "broker-b");

        String one = deadIds.get(0);
        ResendResult single = admin.resendDeadLetters(group, List.of(one, "NO_SUCH_ID"));
        assertThat(single.resent()).isEqualTo(1);
        assertThat(single.resentIds()).containsExactly(one);
        assertThat(single.notFound()).containsExactly("NO_SUCH_ID");
        assertThat(single.issues()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(admin.messagesById(topic, one).messages()).hasSize(2));

        ResendResult all = admin.resendAllDeadLetters(group);
        assertThat(all.resent()).isEqualTo(5);
        assertThat(all.resentIds()).containsExactlyInAnyOrderElementsOf(deadIds);
        assertThat(all.resentBefore()).containsExactly(one);
        // the copies reach the consume queues asynchronously
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(admin.topicStatus(topic).totalMessages()).isEqualTo(5 + 1 + 5));
        assertThat(admin.deadLetters(AdminFixtures.unique("no-dead-cg"), DeadLetterCursor.FIRST, 10).messages()).isEmpty();
    }

    @Test
    void messagesAreFoundByKeyByIdAndByTimeAndTrackedPerGroup() {
        String topic = topicOnBothBrokers("Query", 2);
        Instant before = Instant.now().minusSeconds(1);
        List<SendResult> sent = send(topic, 6, "q", "TagA");
        Instant after = Instant.now().plusSeconds(1);
        SendResult third = sent.get(3);

        MessageSearch byKey = admin.messagesByKey(topic, "q3", before, after);
        assertThat(byKey.messages()).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(third.messageId());
            assertThat(new String(m.body())).isEqualTo("body q3");
        });
        assertThat(admin.messagesByKey(topic, "q3", after, after.plusSeconds(5)).messages()).isEmpty();
        assertThat(admin.messagesById(topic, third.messageId()).messages()).extracting(ReceivedMessage::offsetMessageId)
                .containsExactly(third.offsetMessageId());
        assertThat(admin.messagesById(topic, third.offsetMessageId()).messages()).extracting(ReceivedMessage::messageId)
                .containsExactly(third.messageId());
        assertThat(admin.messagesById(topic, "00000000000000000000000000000000").messages()).isEmpty();

        MessageSearch byTime = admin.messagesByTime(topic, before, after, 100);
        assertThat(byTime.truncated()).isFalse();
        assertThat(byTime.messages()).extracting(ReceivedMessage::messageId)
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(SendResult::messageId).toList());
        assertThat(byTime.messages()).extracting(ReceivedMessage::storeTimestamp).isSorted();
        MessageSearch firstThree = admin.messagesByTime(topic, before, after, 3);
        assertThat(firstThree.messages()).hasSize(3);
        assertThat(firstThree.truncated()).isTrue();
        assertThat(admin.messagesByTime(topic, after, after.plusSeconds(5), 10).messages()).isEmpty();

        ReceivedMessage message = byKey.messages().get(0);
        String brokerName = third.brokerName();
        String consumed = AdminFixtures.unique("done-cg");
        String behind = AdminFixtures.unique("behind-cg");
        String offline = AdminFixtures.unique("offline-cg");
        String otherTag = AdminFixtures.unique("tagb-cg");
        AdminFixtures.commit(client, addressOf(brokerName), brokerName, consumed, topic, message.queueId(),
                message.queueOffset() + 1);
        AdminFixtures.commit(client, addressOf(brokerName), brokerName, offline, topic, message.queueId(),
                message.queueOffset());
        try (MqClient consumers = AdminFixtures.client(server.namesrvAddress());
             Registration b = AdminFixtures.online(consumers, behind, "CONSUME_PASSIVELY", "CLUSTERING", topic);
             Registration t = AdminFixtures.online(consumers, otherTag, "CONSUME_PASSIVELY", "CLUSTERING",
                     topic + ":TagB")) {
            AdminFixtures.core(consumers).routes().route(topic).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.group(behind).online() && admin.group(otherTag).online());

            Map<String, MessageTrack.Status> tracks = admin.track(message).stream()
                    .collect(Collectors.toMap(MessageTrack::group, MessageTrack::status));

            assertThat(tracks).containsEntry(consumed, MessageTrack.Status.CONSUMED)
                    .containsEntry(behind, MessageTrack.Status.NOT_CONSUMED_YET)
                    .containsEntry(offline, MessageTrack.Status.NOT_ONLINE)
                    .containsEntry(otherTag, MessageTrack.Status.FILTERED);
        }
    }

    @Test
    void brokerConfigHasApachesKeysWithOurValuesAndStatisticsCountWhatWasSentAndPulled() {
        Map<String, String> config = admin.brokerConfig("broker-b");

        assertThat(config).containsEntry("brokerName", "broker-b").containsEntry("brokerClusterName", "DefaultCluster")
                .containsEntry("listenPort", Integer.toString(brokerB.broker().port()))
                .containsEntry("brokerId", "0")
                .containsEntry("flushDiskType", "ASYNC_FLUSH")
                .containsEntry("mappedFileSizeCommitLog", Integer.toString(16 * 1024 * 1024)) // mq.store.segment-size=16MB
                .containsEntry("maxHashSlotNum", "20000")
                .containsEntry("mq.broker.name", "broker-b")
                .containsEntry("mq.store.flush", "async");
        assertThat(config).containsEntry("namesrvAddr", server.namesrvAddress())
                .containsEntry("messageDelayLevel", "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h");
        assertThat(admin.brokerConfig("broker-a")).containsEntry("brokerName", "broker-a")
                .containsEntry("listenPort", Integer.toString(server.broker().port()));

        String topic = topicOnBothBrokers("Counted", 2);
        Map<String, Long> sentTo = perBroker(send(topic, 9, "c", "TagA"));
        String group = AdminFixtures.unique("counted-cg");
        int pulled = AdminFixtures.pull(client, server.brokerAddress(), "broker-a", group, topic, 0, 0).size();
        assertThat(pulled).isPositive();

        for (String broker : List.of("broker-a", "broker-b")) {
            BrokerStatsSnapshot puts = admin.brokerStats(broker, BrokerStatsSnapshot.TOPIC_PUT_NUMS, topic);
            assertThat(puts.brokerName()).isEqualTo(broker);
            assertThat(List.of(puts.minute(), puts.hour(), puts.day())).as(broker).allSatisfy(window -> {
                assertThat(window.sum()).isEqualTo(sentTo.get(broker));
                assertThat(window.tps()).isPositive();
                assertThat(window.avgpt()).as("one message per send").isEqualTo(1.0);
            });
        }
        BrokerStatsSnapshot gets = admin.brokerStats("broker-a", BrokerStatsSnapshot.GROUP_GET_NUMS, topic + "@" + group);
        assertThat(gets.minute().sum()).isEqualTo(pulled);
        assertThatThrownBy(() -> admin.brokerStats("broker-b", BrokerStatsSnapshot.GROUP_GET_NUMS, topic + "@" + group))
                .as("broker-b delivered nothing to the group").isInstanceOf(MqBrokerException.class)
                .isNotInstanceOf(NotSupportedByBrokerException.class)
                .hasMessageContaining("VIEW_BROKER_STATS_DATA").hasMessageContaining("not exist");
        assertThatThrownBy(() -> admin.brokerConfig("broker-x")).isInstanceOf(MqClientException.class)
                .hasMessageContaining("no broker named broker-x").hasMessageContaining("broker-a, broker-b");
        assertThatThrownBy(() -> admin.topicStatus(AdminFixtures.unique("Missing")))
                .isInstanceOf(MqClientException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aClientsRunningInfoIsRelayedByTheBrokerAndAClientThatNeverAnswersLeavesOnlyItsQueuesOwnersUnknown()
            throws Exception {
        String topic = topicOnBothBrokers("Running", 1);
        send(topic, 2, "r", "TagA");
        List<QueueRef> queues = admin.topicStatus(topic).queues().stream().map(QueueStatus::queue).toList();
        String answering = AdminFixtures.unique("running-cg");
        String silent = AdminFixtures.unique("silent-cg");
        Instant lastConsumed = Instant.ofEpochMilli(System.currentTimeMillis() - 1_000);
        try (MqClient consumers = AdminFixtures.client(server.namesrvAddress());
             Registration online = AdminFixtures.online(consumers, answering, "CONSUME_PASSIVELY", "CLUSTERING", topic);
             Registration answers = AdminFixtures.answersRunningInfo(consumers, answering, queues, lastConsumed);
             Registration onlineSilent = AdminFixtures.online(consumers, silent, "CONSUME_PASSIVELY", "CLUSTERING", topic)) {
            AdminFixtures.core(consumers).routes().route(topic).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.group(answering).online()
                    && admin.group(silent).online());

            ConsumerRunningInfo info = admin.consumerRunningInfo(answering, consumers.clientId());
            assertThat(info.group()).isEqualTo(answering);
            assertThat(info.clientId()).isEqualTo(consumers.clientId());
            assertThat(info.queues()).containsOnlyKeys(queues)
                    .allSatisfy((queue, state) -> assertThat(state.lastConsumeTime()).contains(lastConsumed));
            assertThat(info.properties()).containsEntry("consumerGroup", answering);
            assertThatThrownBy(() -> admin.consumerRunningInfo(answering, "10.0.0.1@nobody"))
                    .isInstanceOf(MqClientException.class).hasMessageContaining("is not connected to any broker");

            // the broker gives up on a silent client after 4 s (an admin with a shorter timeout gives up first);
            // the detail and the running info wait at the same time
            MqAdmin patient = admin.withTimeout(Duration.ofSeconds(6));
            Registration neverAnswers = AdminFixtures.neverAnswersRunningInfo(consumers, silent);
            long start = System.nanoTime();
            CompletableFuture<Long> detailDone = new CompletableFuture<>();
            CompletableFuture<GroupDetail> pending = patient.groupAsync(silent)
                    .whenComplete((d, e) -> detailDone.complete(System.nanoTime()));
            assertThatThrownBy(() -> patient.consumerRunningInfo(silent, consumers.clientId()))
                    .isInstanceOf(MqBrokerException.class).hasMessageContaining("CONSUME_MSG_TIMEOUT");
            GroupDetail detail = pending.get(10, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(detailDone.join() - start);

            neverAnswers.close();
            assertThat(took).isBetween(Duration.ofMillis(3_500), Duration.ofSeconds(6));
            assertThat(detail.totalLag()).isEqualTo(Lag.of(2));
            assertThat(detail.queues()).hasSize(2).allSatisfy(q -> assertThat(q.client()).isEmpty());
            assertThat(detail.issues()).singleElement().satisfies(issue -> {
                assertThat(issue.kind()).isEqualTo(BrokerIssue.Kind.REFUSED);
                assertThat(issue.operation()).startsWith("GET_CONSUMER_RUNNING_INFO of client " + consumers.clientId());
                assertThat(issue.detail()).contains("CONSUME_MSG_TIMEOUT").contains("the owning client of 2 queues is "
                        + "unknown: " + queues.get(0) + ", " + queues.get(1));
            });
        }
    }

    @Test
    void asynchronousCallsCompleteOnCallbackThreadsAndAreNotSlowerThanOneBrokerAfterAnother() throws Exception {
        String topic = topicOnBothBrokers("Async", 2);
        send(topic, 4, "a", "TagA");
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        String testThread = Thread.currentThread().getName();

        // A callback attached to a future that is already complete runs on the attaching thread, which
        // happens when this thread is descheduled for longer than the call takes: ask until one call
        // completes after its callback was attached, and check where every callback ran.
        TopicStatus status = null;
        for (int attempt = 0; attempt < 20 && !threads.stream().anyMatch(t -> !t.equals(testThread)); attempt++) {
            status = admin.topicStatusAsync(topic)
                    .whenComplete((s, e) -> threads.add(Thread.currentThread().getName())).get();
        }
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> admin.topicStatusAsync(AdminFixtures.unique("Missing")).join());

        assertThat(status.totalMessages()).isEqualTo(4);
        assertThat(threads).filteredOn(t -> !t.equals(testThread)).isNotEmpty()
                .allSatisfy(t -> assertThat(t).startsWith("mq-client-callback-"));
        assertThat(MqAdmin.failureOf(failure)).isInstanceOf(MqClientException.class)
                .hasMessageContaining("does not exist");
        assertThat(admin.withTimeout(Duration.ofSeconds(1)).toString()).contains("timeout=1000 ms");
    }

    @Test
    void theAdminFailsOnceTheClientIsClosed() {
        MqClient closed = AdminFixtures.client(server.namesrvAddress());
        MqAdmin closedAdmin = closed.admin();
        closed.close();

        assertThatThrownBy(closedAdmin::topics).isInstanceOf(MqClientException.class).hasMessageContaining("closed");
        assertThatThrownBy(closed::admin).isInstanceOf(MqClientException.class).hasMessageContaining("closed");
        assertThat(closedAdmin.clusterOverviewAsync()).isCompletedExceptionally();
    }
}
