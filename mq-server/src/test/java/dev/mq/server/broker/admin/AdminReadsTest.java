package dev.mq.server.broker.admin;

import dev.mq.lifecycle.WorkerPool;
import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingException;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.HeartbeatData;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.server.broker.TestStore;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;
import dev.mq.server.broker.state.ConsumerOffsets;
import dev.mq.server.broker.state.QueueLocks;
import dev.mq.server.broker.state.SubscriptionGroups;
import dev.mq.server.broker.state.TopicTable;
import dev.mq.server.broker.stats.BrokerStats;
import dev.mq.server.broker.stats.StatsRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin reads against a real store, on a clock the test moves. */
class AdminReadsTest {

    private static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10911);

    @TempDir
    Path dir;

    private TestStore test;
    private BrokerContext broker;
    private BrokerStats stats;
    private WorkerPool sendPool;
    private WorkerPool pullPool;
    private BrokerInfoProcessor info;
    private AdminProcessor admin;

    @BeforeEach
    void open() {
        test = new TestStore(dir);
        Path config = dir.resolve("config");
        broker = new BrokerContext("broker-a", "DefaultCluster", STORE_HOST, true, test.store,
                new TopicTable(config, test.clock, true, 8), new ConsumerOffsets(config), new SubscriptionGroups(config),
                new ClientRegistry(), new QueueLocks(60_000), test.clock, () -> { });
        broker.topics().put(TopicConfig.of("Orders", 2, Permissions.READ_WRITE));
        stats = new BrokerStats("DefaultCluster", test.clock);
        sendPool = new WorkerPool("test-send", 1, Duration.ofSeconds(1));
        pullPool = new WorkerPool("test-pull", 1, Duration.ofSeconds(1));
        List<BrokerConfig.Setting> settings = List.of(BrokerConfig.Setting.both("mq.broker.name", "brokerName", "broker-a"),
                new BrokerConfig.Setting("mq.broker.delay-levels", "1s,5s,2h", "messageDelayLevel", "1s 5s 2h",
                        v -> String.join(",", v.split(" "))));
        BrokerRuntime runtime = new BrokerRuntime(stats, sendPool, pullPool, () -> new long[] {3, 0},
                () -> 1234L, () -> true, new BrokerConfig(settings, test.store.config()));
        info = new BrokerInfoProcessor(broker, runtime);
        admin = new AdminProcessor(broker, stats);
    }

    @AfterEach
    void close() {
        sendPool.close();
        pullPool.close();
        test.close();
    }

    private RemotingCommand call(RemotingCommand request) {
        RemotingCommand response = (AdminProcessor.codes().contains(request.code()) ? admin.process(null, request)
                : info.process(null, request)).join();
        assertThat(response.opaque()).isEqualTo(request.opaque());
        return response;
    }

    private JsonNode json(RemotingCommand request) {
        RemotingCommand response = call(request);
        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        return RemotingJson.mapper().readTree(response.body());
    }

    private long append(String topic, int queueId, String tags) {
        String properties = tags == null ? "" : MessageProperties.format(Map.of(PropertyNames.TAGS, tags));
        return test.append(AppendMessage.of(topic, queueId, "body".getBytes(StandardCharsets.UTF_8), properties,
                test.clock.millis()));
    }

    /** Counts like the broker's send path: through StatsRecorder. */
    private void countSend(String topic, int messages) throws Exception {
        RemotingCommand send = RemotingCommand.request(RequestCode.SEND_MESSAGE).putExt("topic", topic);
        String ids = String.join(",", java.util.Collections.nCopies(messages, "ID"));
        new StatsRecorder((c, r) -> CompletableFuture.completedFuture(
                RemotingCommand.responseTo(r, ResponseCode.SUCCESS, null).putExt("msgId", ids)), stats)
                .process(null, send).join();
    }

    @Test
    void runtimeInfoHasApachesKeysWithMeasuredValues() throws Exception {
        long first = append("Orders", 0, "A");
        append("Orders", 1, "B");
        countSend("Orders", 2);
        test.clock.advance(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4));

        Map<String, String> table = RemotingJson.mapper().convertValue(
                json(RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO)).get("table"),
                new tools.jackson.core.type.TypeReference<Map<String, String>>() { });

        assertThat(table).containsKeys("putTps", "getTransferedTps", "getTransferredTps", "getTotalTps",
                "msgPutTotalTodayNow", "msgGetTotalTodayNow", "msgPutTotalYesterdayMorning", "msgGetTotalTodayMorning",
                "brokerVersion", "brokerVersionDesc", "brokerActive", "commitLogDiskRatio", "commitLogMinOffset",
                "commitLogMaxOffset", "dispatchBehindBytes", "pageCacheLockTimeMills", "sendThreadPoolQueueSize",
                "sendThreadPoolQueueCapacity", "pullThreadPoolQueueSize", "pullThreadPoolQueueCapacity",
                "bootTimestamp", "earliestMessageTimeStamp", "startAcceptSendRequestTimeStamp", "runtime");
        assertThat(table.size()).as("with two delay levels").isGreaterThanOrEqualTo(35);
        assertThat(table).containsEntry("brokerVersion", "479").containsEntry("brokerVersionDesc", "V5_3_3")
                .containsEntry("brokerActive", "true")
                .containsEntry("msgPutTotalTodayNow", "2")
                .containsEntry("commitLogMinOffset", "0")
                .containsEntry("commitLogMaxOffset", Long.toString(test.store.commitLogMaxOffset()))
                .containsEntry("dispatchBehindBytes", "0")
                .containsEntry("startAcceptSendRequestTimeStamp", "1234")
                .containsEntry("earliestMessageTimeStamp",
                        Long.toString(java.time.Instant.parse("2026-01-05T12:00:00Z").toEpochMilli()))
                .containsEntry("runtime", "[ 1 days, 2 hours, 3 minutes, 4 seconds ]")
                .containsEntry("sendThreadPoolQueueSize", "0")
                .containsEntry("sendThreadPoolQueueCapacity", Integer.toString(Integer.MAX_VALUE))
                .containsEntry("scheduleMessageOffset_1", "3,0");
        assertThat(table.get("putTps").split(" ")).hasSize(3);
        assertThat(Double.parseDouble(table.get("commitLogDiskRatio"))).isBetween(0.0, 1.0);
        assertThat(first).isZero();
    }

    @Test
    void byteCountsAndUptimeAreWrittenAsApacheWritesThem() {
        assertThat(RuntimeInfo.bytes(512)).isEqualTo("512 B");
        assertThat(RuntimeInfo.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(RuntimeInfo.bytes(3L << 30)).isEqualTo("3.0 GiB");
        assertThat(RuntimeInfo.uptime(59_999)).isEqualTo("[ 0 days, 0 hours, 0 minutes, 59 seconds ]");
        assertThat(RuntimeInfo.tps(new double[] {1.5, 0.0, 0.25})).isEqualTo("1.5 0.0 0.25");
        assertThat(RuntimeInfo.BROKER_VERSION).as("MQVersion V5_3_3 (remoting-protocol.md 2.4)").isEqualTo(479);
    }

    @Test
    void brokerConfigListsApacheNamesAndOursAndRefusesChanges() throws Exception {
        RemotingCommand get = call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG));
        Properties properties = new Properties();
        properties.load(new StringReader(new String(get.body(), StandardCharsets.UTF_8)));
        assertThat(properties).containsEntry("brokerName", "broker-a").containsEntry("mq.broker.name", "broker-a")
                .containsEntry("flushDiskType", "ASYNC_FLUSH").containsEntry("mq.store.flush", "async")
                .containsEntry("messageDelayLevel", "1s 5s 2h").containsEntry("fileReservedTime", "72")
                .containsEntry("mq.store.file-reserved-time", "3d").containsEntry("deleteWhen", "04")
                .containsEntry("diskMaxUsedSpaceRatio", "75").containsEntry("maxMessageSize", "4096")
                .containsEntry("storePathRootDir", dir.resolve("store").toAbsolutePath().toString());

        RemotingCommand same = RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .setBody("brokerName=broker-a\nfileReservedTime=72\n".getBytes(StandardCharsets.UTF_8));
        assertThat(call(same).code()).isEqualTo(ResponseCode.SUCCESS);

        RemotingCommand change = RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .setBody("fileReservedTime=48\n".getBytes(StandardCharsets.UTF_8));
        RemotingCommand refused = call(change);
        assertThat(refused.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(refused.remark()).contains("fileReservedTime cannot change while the broker runs")
                .contains("mq.store.file-reserved-time=48h");
        assertThat(BrokerConfig.duration(Duration.ofHours(72))).isEqualTo("3d");
        assertThat(BrokerConfig.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");

        RemotingCommand unknown = RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .setBody("noSuchThing=1\n".getBytes(StandardCharsets.UTF_8));
        RemotingCommand rejected = call(unknown);
        assertThat(rejected.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(rejected.remark()).contains("noSuchThing");
    }

    @Test
    void viewBrokerStatsDataAnswersTheCountedFiguresOrThatTheyDoNotExist() throws Exception {
        countSend("Orders", 200);
        RemotingCommand view = RemotingCommand.request(RequestCode.VIEW_BROKER_STATS_DATA)
                .putExt("statsName", "TOPIC_PUT_NUMS").putExt("statsKey", "Orders");
        JsonNode data = json(view);
        assertThat(data.get("statsMinute").get("sum").asLong()).isEqualTo(200);
        assertThat(data.get("statsDay").get("sum").asLong()).isEqualTo(200);
        assertThat(data.get("statsMinute").get("avgpt").asDouble()).isEqualTo(200.0);

        RemotingCommand missing = RemotingCommand.request(RequestCode.VIEW_BROKER_STATS_DATA)
                .putExt("statsName", "TOPIC_PUT_NUMS").putExt("statsKey", "Nothing");
        RemotingCommand response = call(missing);
        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).isEqualTo("The stats <TOPIC_PUT_NUMS> <Nothing> not exist");
    }

    @Test
    void consumeQueueEntriesShowOffsetSizeAndTagHash() {
        long first = append("Orders", 1, "TagA");
        long second = append("Orders", 1, null);
        RemotingCommand query = RemotingCommand.request(RequestCode.QUERY_CONSUME_QUEUE).putExt("topic", "Orders")
                .putExt("queueId", 1).putExt("index", 0).putExt("count", 10);
        JsonNode body = json(query);
        assertThat(body.get("maxQueueIndex").asLong()).isEqualTo(2);
        assertThat(body.get("queueData")).hasSize(2);
        assertThat(body.get("queueData").get(0).get("physicOffset").asLong()).isEqualTo(first);
        assertThat(body.get("queueData").get(0).get("tagsCode").asLong()).isEqualTo("TagA".hashCode());
        assertThat(body.get("queueData").get(1).get("physicOffset").asLong()).isEqualTo(second);
        assertThat(body.get("queueData").get(1).get("physicSize").asInt()).isEqualTo((int) (test.store.commitLogMaxOffset() - second));
        assertThat(body.get("queueData").get(1).get("tagsCode").asLong()).isZero();

        RemotingCommand none = RemotingCommand.request(RequestCode.QUERY_CONSUME_QUEUE).putExt("topic", "Orders")
                .putExt("queueId", 7).putExt("index", 0).putExt("count", 10);
        assertThat(call(none).code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    }

    @Test
    void consumeTimeSpanShowsWhatTheGroupConsumedAndHowLongTheNextWaits() {
        append("Orders", 0, null);
        long start = test.clock.millis();
        test.clock.advance(Duration.ofSeconds(10));
        append("Orders", 0, null);
        broker.offsets().commit("cg", "Orders", 0, 1);
        test.clock.advance(Duration.ofSeconds(5));

        JsonNode spans = json(RemotingCommand.request(RequestCode.QUERY_CONSUME_TIME_SPAN).putExt("topic", "Orders")
                .putExt("group", "cg")).get("consumeTimeSpanSet");
        assertThat(spans).hasSize(2);
        JsonNode queue0 = spans.get(0);
        assertThat(queue0.get("messageQueue").get("queueId").asInt()).isZero();
        assertThat(queue0.get("minTimeStamp").asLong()).isEqualTo(start);
        assertThat(queue0.get("maxTimeStamp").asLong()).isEqualTo(start + 10_000);
        assertThat(queue0.get("consumeTimeStamp").asLong()).isEqualTo(start);
        assertThat(queue0.get("delayTime").asLong()).as("the second message waits since it was stored").isEqualTo(5_000);
        assertThat(spans.get(1).get("delayTime").asLong()).isZero();
    }

    @Test
    void theBrokerConsumeStatsListEveryGroupWithItsBacklog() {
        broker.groups().findOrCreate("cg");
        append("Orders", 0, null);
        append("Orders", 0, null);
        append("Orders", 1, null);
        broker.offsets().commit("cg", "Orders", 0, 1);

        RemotingCommand response = call(RemotingCommand.request(RequestCode.GET_BROKER_CONSUME_STATS)
                .putExt("isOrder", false));
        // fastjson's object keys: only the text can be checked here (the compat tests parse it with Apache's tools)
        String list = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(list).startsWith("{\"brokerAddr\":\"127.0.0.1:10911\",\"consumeStatsList\":[{\"cg\":[{\"consumeTps\":0.0,")
                .contains("{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"Orders\"}:{\"brokerOffset\":2,"
                        + "\"consumerOffset\":1,")
                .endsWith("\"totalDiff\":2,\"totalInflightDiff\":0}");

        JsonNode topics = json(RemotingCommand.request(RequestCode.QUERY_TOPICS_BY_CONSUMER).putExt("group", "cg"));
        assertThat(topics.get("topicList")).extracting(JsonNode::asText).containsExactly("Orders");

        JsonNode config = json(RemotingCommand.request(RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG).putExt("group", "cg"));
        assertThat(config.get("groupName").asText()).isEqualTo("cg");
        assertThat(config.get("retryMaxTimes").asInt()).isEqualTo(16);
        assertThat(call(RemotingCommand.request(RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG).putExt("group", "none")).code())
                .isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
    }

    @Test
    void connectionListsCarryTheClientsLanguageAndVersion() {
        Connection connection = new FakeConnection(null);
        HeartbeatData heartbeat = new HeartbeatData("10.0.0.5@1#1", Set.of(new HeartbeatData.ProducerData("pg")),
                Set.of(new HeartbeatData.ConsumerData("cg", "CONSUME_PASSIVELY", "CLUSTERING",
                        "CONSUME_FROM_LAST_OFFSET", List.of(), false)));
        broker.clients().heartbeat(connection, heartbeat, "JAVA", 499, test.clock.millis());

        JsonNode consumers = json(RemotingCommand.request(RequestCode.GET_CONSUMER_CONNECTION_LIST)
                .putExt("consumerGroup", "cg"));
        assertThat(consumers.get("connectionSet").get(0).get("version").asInt()).isEqualTo(499);
        assertThat(consumers.get("connectionSet").get(0).get("language").asText()).isEqualTo("JAVA");
        JsonNode producers = json(RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST)
                .putExt("producerGroup", "pg"));
        assertThat(producers.get("connectionSet").get(0).get("clientId").asText()).isEqualTo("10.0.0.5@1#1");
        assertThat(call(RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST)
                .putExt("producerGroup", "nobody")).code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    }

    @Test
    void runningInfoIsRelayedToTheConsumerAndItsAnswerReturned() {
        RemotingCommand[] seen = new RemotingCommand[1];
        FakeConnection consumer = new FakeConnection(request -> {
            seen[0] = request;
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                    .setBody("{\"properties\":{}}".getBytes(StandardCharsets.UTF_8)));
        });
        broker.clients().heartbeat(consumer, new HeartbeatData("c1", Set.of(), Set.of(new HeartbeatData.ConsumerData(
                "cg", "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET", List.of(), false))),
                "JAVA", 499, test.clock.millis());
        ConsumerRunningInfoRelay relay = new ConsumerRunningInfoRelay(broker);

        RemotingCommand ask = RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO)
                .putExt("consumerGroup", "cg").putExt("clientId", "c1").putExt("jstackEnable", true);
        RemotingCommand answer = relay.process(null, ask).join();
        assertThat(answer.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(answer.opaque()).isEqualTo(ask.opaque());
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"properties\":{}}");
        assertThat(seen[0].code()).isEqualTo(RequestCode.GET_CONSUMER_RUNNING_INFO);
        assertThat(seen[0].extFields()).containsEntry("jstackEnable", "true").containsEntry("clientId", "c1");

        RemotingCommand offline = RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO)
                .putExt("consumerGroup", "cg").putExt("clientId", "c2");
        RemotingCommand notOnline = relay.process(null, offline).join();
        assertThat(notOnline.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(notOnline.remark()).isEqualTo("The Consumer <cg> <c2> not online");

        FakeConnection silent = new FakeConnection(request -> CompletableFuture.failedFuture(
                new RemotingException(RemotingException.Kind.TIMEOUT, "no answer")));
        broker.clients().heartbeat(silent, new HeartbeatData("c3", Set.of(), Set.of(new HeartbeatData.ConsumerData(
                "cg", "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET", List.of(), false))),
                "JAVA", 499, test.clock.millis());
        RemotingCommand slow = RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO)
                .putExt("consumerGroup", "cg").putExt("clientId", "c3");
        assertThat(relay.process(null, slow).join().code()).isEqualTo(ResponseCode.CONSUME_MSG_TIMEOUT);
    }

    /** A connection whose peer answers with {@code answer}. */
    private record FakeConnection(java.util.function.Function<RemotingCommand, CompletableFuture<RemotingCommand>> answer)
            implements Connection {

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        public CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis) {
            return answer.apply(request);
        }

        @Override
        public void invokeOneway(RemotingCommand request) {
        }

        @Override
        public void close() {
        }
    }
}
