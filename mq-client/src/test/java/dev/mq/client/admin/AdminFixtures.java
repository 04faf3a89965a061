package dev.mq.client.admin;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.SendResult;
import dev.mq.client.TestAccess;
import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.Invoker;
import dev.mq.client.internal.RecordDecoder;
import dev.mq.client.internal.Registration;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.HeartbeatData;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.header.ConsumerSendMsgBackHeader;
import dev.mq.protocol.header.PullMessageHeader;
import dev.mq.protocol.header.UpdateConsumerOffsetHeader;
import dev.mq.server.EmbeddedServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real data for the admin tests without our consumers (built concurrently elsewhere): messages sent
 * with the client's producer, "consumption" as a consumer does it on the wire (pulls, then committed
 * offsets), consumer groups made online through the client's heartbeat, answering the brokers'
 * GET_CONSUMER_RUNNING_INFO through the client's dispatcher as a consumer does (or not answering it),
 * and dead letters made with CONSUMER_SEND_MSG_BACK at a negative delay level (straight to the
 * dead-letter queue).
 */
final class AdminFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private AdminFixtures() {
    }

    /** A name unique in this JVM run. */
    static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + "_" + System.nanoTime() % 100_000;
    }

    /** Name server and broker {@code broker-a} with small store files. */
    static EmbeddedServer.Builder small() {
        return EmbeddedServer.builder()
                .property("mq.store.segment-size", "16MB")
                .property("mq.store.index-hash-slots", "20000")
                .property("mq.store.index-entries-per-file", "80000")
                .property("mq.store.consume-queue-entries-per-file", "20000");
    }

    /** A broker named {@code name} joining {@code first}'s name server. */
    static EmbeddedServer joiningBroker(EmbeddedServer first, String name, Path dataDir) {
        return small().property("mq.server.roles", "broker")
                .property("mq.broker.name", name)
                .property("mq.broker.namesrv-addr", first.namesrvAddress())
                .dataDir(dataDir)
                .start();
    }

    /** A client with quick route refresh and heartbeats. */
    static MqClient client(String namesrv) {
        return MqClient.builder().namesrv(namesrv).routeRefreshInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(1)).build();
    }

    /** Sends {@code count} messages with keys {@code keyPrefix + i} and tag {@code tag}. */
    static List<SendResult> send(MqClient client, String topic, int count, String keyPrefix, String tag) {
        List<SendResult> results = new ArrayList<>();
        try (Producer producer = client.producer(unique("pg")).build()) {
            for (int i = 0; i < count; i++) {
                results.add(producer.send(Message.builder(topic).keys(keyPrefix + i).tags(tag)
                        .body("body " + keyPrefix + i).build()));
            }
        }
        return results;
    }

    /** Puts a consumer group into the client's heartbeat: the brokers see it online, subscribed to the topics. */
    static Registration online(MqClient client, String group, String consumeType, String messageModel, String... topics) {
        List<HeartbeatData.SubscriptionData> subscriptions = new ArrayList<>();
        for (String topic : topics) {
            String[] parts = topic.split(":", 2); // "topic" or "topic:TagA"
            String expression = parts.length == 2 ? parts[1] : "*";
            subscriptions.add(new HeartbeatData.SubscriptionData(parts[0], expression,
                    expression.equals("*") ? Set.of() : Set.of(expression.split(" \\|\\| ")), Set.of(), 1L, "TAG", false));
        }
        HeartbeatData.ConsumerData data = new HeartbeatData.ConsumerData(group, consumeType, messageModel,
                "CONSUME_FROM_LAST_OFFSET", subscriptions, false);
        return core(client).heartbeats().addConsumer(() -> data);
    }

    /**
     * Answers GET_CONSUMER_RUNNING_INFO about {@code group} (relayed by a broker) through the client's
     * dispatcher, as a consumer of the group does: it holds {@code queues}, each last consumed at
     * {@code lastConsumed}, with the body in Apache's ConsumerRunningInfo shape (queue objects as keys of
     * {@code mqTable}).
     */
    static Registration answersRunningInfo(MqClient client, String group, Collection<QueueRef> queues,
                                           Instant lastConsumed) {
        byte[] body = runningInfoBody(group, queues, lastConsumed);
        return core(client).brokerRequests().register(RequestCode.GET_CONSUMER_RUNNING_INFO, group,
                (connection, request) -> {
                    RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
                    response.setBody(body);
                    return CompletableFuture.completedFuture(response);
                });
    }

    /**
     * Takes GET_CONSUMER_RUNNING_INFO about {@code group} and never answers it (a consumer stuck or too
     * busy): the relaying broker gives up after its own timeout. Closing sends nothing.
     */
    static Registration neverAnswersRunningInfo(MqClient client, String group) {
        CompletableFuture<RemotingCommand> never = new CompletableFuture<>();
        Registration handler = core(client).brokerRequests().register(RequestCode.GET_CONSUMER_RUNNING_INFO, group,
                (connection, request) -> never);
        return () -> {
            handler.close();
            never.complete(null); // nothing to send
        };
    }

    private static byte[] runningInfoBody(String group, Collection<QueueRef> queues, Instant lastConsumed) {
        StringBuilder json = new StringBuilder("{\"properties\":{\"consumerGroup\":").append(text(group))
                .append(",\"PROP_CONSUME_TYPE\":\"CONSUME_ACTIVELY\",\"PROP_CONSUMER_START_TIMESTAMP\":\"")
                .append(lastConsumed.toEpochMilli()).append("\"},\"subscriptionSet\":[],\"mqTable\":{");
        boolean first = true;
        for (QueueRef queue : queues) {
            json.append(first ? "" : ",").append("{\"brokerName\":").append(text(queue.brokerName()))
                    .append(",\"queueId\":").append(queue.queueId()).append(",\"topic\":").append(text(queue.topic()))
                    .append("}:{\"commitOffset\":0,\"cachedMsgCount\":0,\"locked\":false,\"droped\":false")
                    .append(",\"lastPullTimestamp\":").append(lastConsumed.toEpochMilli())
                    .append(",\"lastConsumeTimestamp\":").append(lastConsumed.toEpochMilli()).append('}');
            first = false;
        }
        return json.append("},\"statusTable\":{}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(String value) {
        return new String(RemotingJson.encode(value), StandardCharsets.UTF_8);
    }

    static ClientCore core(MqClient client) {
        return TestAccess.core(client);
    }

    /** Reads up to 32 messages of one queue from {@code offset} as {@code group} (nothing committed). */
    static List<ReceivedMessage> pull(MqClient client, String brokerAddress, String brokerName, String group,
                                      String topic, int queueId, long offset) {
        RemotingCommand response = core(client).invoker().invokeSync(brokerAddress, Invoker.request(
                RequestCode.PULL_MESSAGE, new PullMessageHeader(group, topic, queueId, offset, 32,
                        PullMessageHeader.FLAG_SUBSCRIPTION, 0L, 0L, null, "*", "TAG", 0L, brokerName), null),
                TIMEOUT, "pull");
        return response.code() == ResponseCode.SUCCESS ? RecordDecoder.decodeAll(response.body()) : List.of();
    }

    /** Commits the group's offset of one queue, as a consumer does after consuming up to it. */
    static void commit(MqClient client, String brokerAddress, String brokerName, String group, String topic,
                       int queueId, long offset) {
        core(client).invoker().invokeSyncOk(brokerAddress, Invoker.request(RequestCode.UPDATE_CONSUMER_OFFSET,
                new UpdateConsumerOffsetHeader(group, topic, queueId, offset, brokerName), null), TIMEOUT,
                "commit offset");
    }

    /** Gives a consumed message back at a negative delay level: it becomes a dead letter of the group. */
    static void deadLetter(MqClient client, String brokerAddress, String group, ReceivedMessage message) {
        core(client).invoker().invokeSyncOk(brokerAddress, Invoker.request(RequestCode.CONSUMER_SEND_MSG_BACK,
                new ConsumerSendMsgBackHeader(message.commitLogOffset(), group, -1, message.messageId(),
                        message.topic(), false, 16, null), null), TIMEOUT, "send back to the dead-letter queue");
    }
}
