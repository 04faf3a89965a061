package dev.mq.compat;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.RemotingJson;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.CommandLineParser;
import org.apache.commons.cli.Options;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.srvutil.ServerUtil;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.apache.rocketmq.tools.command.MQAdminStartup;
import org.apache.rocketmq.tools.command.SubCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Apache RocketMQ's own command-line admin tool, {@code mqadmin} (rocketmq-tools: its sub commands,
 * run in this JVM as {@code MQAdminStartup} runs them), against our server after {@value #SENT}
 * sends that one consumer group consumed: the commands print the true figures. A few reads the
 * dashboard uses without an mqadmin command go through {@code DefaultMQAdminExt}, and the ones with no
 * admin API at all through our remoting client.
 */
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MqAdminCompatTest {

    private static final int SENT = 20;
    private static final int QUEUES = 4;
    private static final String NAMESRV_PROPERTY = "rocketmq.namesrv.addr";
    /** The client line's own version name (V5_5_0 or V4_9_8): what its heartbeats say. */
    private static final String CLIENT_VERSION = MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION);
    private static final boolean CLIENT_5 = MQVersion.CURRENT_VERSION >= MQVersion.Version.V5_0_0.ordinal();

    @TempDir
    static Path dataDir;

    static ServerProcess server;
    static Clients clients;
    static DefaultMQProducer producer;
    static DefaultMQPushConsumer consumer;
    static DefaultMQAdminExt admin;
    static String topic;
    static String group;
    static boolean commandsLoaded;

    @BeforeAll
    static void sendAndConsume() throws Exception {
        server = new ServerProcess(dataDir.resolve("server")).start();
        clients = new Clients(server);
        topic = Clients.unique("AdminTool");
        group = Clients.unique("adminToolGroup");
        producer = clients.producer();
        clients.createTopic(producer, topic, QUEUES);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < SENT; i++) {
            producer.send(Clients.message(topic, "T", "m" + i));
            bodies.add("m" + i);
        }
        Clients.Received received = new Clients.Received();
        consumer = clients.pushConsumer(group, topic, received);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(bodies));

        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(server.namesrvAddr());
        admin.setInstanceName(Clients.unique("adminApi"));
        admin.start();
    }

    @AfterAll
    static void stop() {
        System.clearProperty(NAMESRV_PROPERTY);
        if (admin != null) {
            admin.shutdown();
        }
        if (clients != null) {
            clients.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /**
     * A log line of the official client's own threads ({@code 19:18:40.148 [NettyClientSelector_1] INFO ...}).
     * Those threads outlive the command that started them, so their lines can land in a later command's output.
     */
    private static final Pattern CLIENT_LOG_LINE = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} \\[[^\\]]+\\] [A-Z]+ ");

    /**
     * Runs {@code mqadmin <args> -n <name server>} and returns what it printed (stdout and stderr),
     * without the client library's log lines.
     * Done as {@code MQAdminStartup.main0} does it (find the sub command, parse its options, set the
     * name server property, execute, print a failure's stack trace), but without its logging set-up,
     * which in 4.9.x needs {@code $ROCKETMQ_HOME/conf/logback_tools.xml}.
     */
    private static synchronized String mqadmin(String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(capture);
        System.setErr(capture);
        try {
            SubCommand command = subCommand(args[0]);
            Options options = command.buildCommandlineOptions(ServerUtil.buildCommandlineOptions(new Options()));
            List<String> subArgs = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
            subArgs.addAll(List.of("-n", server.namesrvAddr()));
            CommandLine line = parser().parse(options, subArgs.toArray(String[]::new));
            System.setProperty(NAMESRV_PROPERTY, server.namesrvAddr());
            command.execute(line, options, null);
        } catch (Exception e) {
            e.printStackTrace(capture);
        } finally {
            System.setOut(out);
            System.setErr(err);
            capture.close();
        }
        return printed.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> !CLIENT_LOG_LINE.matcher(l).find())
                .collect(Collectors.joining("\n"));
    }

    /** The tool's sub command of that name, from MQAdminStartup's own list (its field name differs by version). */
    @SuppressWarnings("unchecked")
    private static SubCommand subCommand(String name) throws ReflectiveOperationException {
        if (!commandsLoaded) {
            MQAdminStartup.initCommand();
            commandsLoaded = true;
        }
        for (Field field : MQAdminStartup.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && List.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                for (SubCommand command : (List<SubCommand>) field.get(null)) {
                    if (command.commandName().equals(name)) {
                        return command;
                    }
                }
            }
        }
        throw new AssertionError("mqadmin has no command " + name);
    }

    /** The options parser the tool uses: DefaultParser (commons-cli 1.3+, 5.x) or PosixParser (4.9.x). */
    private static CommandLineParser parser() throws ReflectiveOperationException {
        Class<?> type;
        try {
            type = Class.forName("org.apache.commons.cli.DefaultParser");
        } catch (ClassNotFoundException e) {
            type = Class.forName("org.apache.commons.cli.PosixParser");
        }
        return (CommandLineParser) type.getConstructor().newInstance();
    }

    /** The whitespace-separated columns of the first printed line that starts with {@code first}. */
    private static List<String> row(String output, String first) {
        return output.lines().map(String::trim).filter(line -> line.startsWith(first + " ")).findFirst()
                .map(line -> List.of(line.split("\\s+")))
                .orElseThrow(() -> new AssertionError("no line for " + first + " in:\n" + output));
    }

    /** Lines {@code key<sep>value} as a map (keys and values trimmed). */
    private static Map<String, String> keyValues(String output, String separator) {
        Map<String, String> table = new LinkedHashMap<>();
        output.lines().filter(line -> line.contains(separator)).forEach(line -> {
            int at = line.indexOf(separator);
            table.put(line.substring(0, at).trim(), line.substring(at + separator.length()).trim());
        });
        return table;
    }

    @Test
    @Order(1)
    void statsAllPrintsTheCountsAndRatesOfTheTopicAndItsGroup() {
        // Accumulation waits for the consumer to commit its offsets (every 5 s)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String output = mqadmin("statsAll", "-t", topic);
            List<String> columns = row(output, topic);
            assertThat(columns).as(output).hasSize(7);
            assertThat(columns.get(1)).isEqualTo(group);
            assertThat(Long.parseLong(columns.get(2))).as("#Accumulation").isZero();
            assertThat(Double.parseDouble(columns.get(3))).as("#InTPS over the last minute").isPositive();
            assertThat(Double.parseDouble(columns.get(4))).as("#OutTPS over the last minute").isPositive();
            assertThat(Long.parseLong(columns.get(5))).as("#InMsg24Hour").isEqualTo(SENT);
            assertThat(Long.parseLong(columns.get(6))).as("#OutMsg24Hour").isEqualTo(SENT);
        });
    }

    @Test
    @Order(2)
    void consumerConnectionShowsTheVersionTheClientSent() {
        String output = mqadmin("consumerConnection", "-g", group);
        assertThat(output).contains(CLIENT_VERSION).doesNotContain("V3_0_0_SNAPSHOT").contains("JAVA")
                .contains("ConsumeType: CONSUME_PASSIVELY").contains("MessageModel: CLUSTERING");
        assertThat(row(output, topic)).containsExactly(topic, "*");
    }

    @Test
    @Order(3)
    void brokerStatusPrintsApachesRuntimeKeysWithTrueFigures() {
        Map<String, String> status = keyValues(mqadmin("brokerStatus", "-b", server.brokerAddr()), ":");
        assertThat(status).containsKeys("putTps", "getTransferredTps", "getTransferedTps", "getTotalTps",
                "msgPutTotalTodayNow", "msgGetTotalTodayNow", "msgPutTotalYesterdayMorning", "msgGetTotalTodayMorning",
                "brokerVersion", "brokerVersionDesc", "brokerActive", "commitLogDiskRatio", "commitLogMinOffset",
                "commitLogMaxOffset", "dispatchBehindBytes", "pageCacheLockTimeMills", "sendThreadPoolQueueSize",
                "sendThreadPoolQueueCapacity", "pullThreadPoolQueueSize", "pullThreadPoolQueueCapacity",
                "bootTimestamp", "earliestMessageTimeStamp", "startAcceptSendRequestTimeStamp", "runtime");
        assertThat(status.size()).as(status.toString()).isGreaterThanOrEqualTo(50);
        assertThat(status).containsEntry("msgPutTotalTodayNow", Integer.toString(SENT))
                .containsEntry("msgPutTotalTodayMorning", "0")
                .containsEntry("brokerVersion", "479").containsEntry("brokerVersionDesc", "V5_3_3")
                .containsEntry("brokerActive", "true").containsEntry("dispatchBehindBytes", "0")
                .containsEntry("commitLogMinOffset", "0")
                .containsEntry("sendThreadPoolQueueCapacity", Integer.toString(Integer.MAX_VALUE));
        assertThat(Long.parseLong(status.get("msgGetTotalTodayNow"))).isGreaterThanOrEqualTo(SENT);
        assertThat(Long.parseLong(status.get("commitLogMaxOffset"))).isPositive();
        assertThat(Long.parseLong(status.get("earliestMessageTimeStamp")))
                .isGreaterThanOrEqualTo(Long.parseLong(status.get("bootTimestamp")));
        assertThat(status.get("runtime")).matches("\\[ 0 days, 0 hours, \\d+ minutes, \\d+ seconds \\]");
        assertThat(status.get("putTps").split(" ")).hasSize(3);
    }

    @Test
    @Order(4)
    void clusterListShowsTheBrokerVersionPoolsAndActivation() {
        String output = mqadmin("clusterList");
        String line = output.lines().filter(l -> l.contains(server.brokerAddr())).findFirst()
                .orElseThrow(() -> new AssertionError(output));
        assertThat(line).contains("DefaultCluster").contains("broker-a").contains("V5_3_3").doesNotContain("null");
        if (CLIENT_5) {
            assertThat(line.trim()).as("#ACTIVATED").endsWith("true");
        }
    }

    @Test
    @Order(5)
    void getBrokerConfigPrintsTheEffectiveSettingsUnderApachesNamesAndOurs() {
        Map<String, String> config = keyValues(mqadmin("getBrokerConfig", "-b", server.brokerAddr()), "=  ");
        String port = server.brokerAddr().substring(server.brokerAddr().indexOf(':') + 1);
        assertThat(config).containsEntry("listenPort", port).containsEntry("mq.broker.port", port)
                .containsEntry("brokerName", "broker-a").containsEntry("brokerClusterName", "DefaultCluster")
                .containsEntry("brokerIP1", "127.0.0.1").containsEntry("namesrvAddr", server.namesrvAddr())
                .containsEntry("flushDiskType", "ASYNC_FLUSH").containsEntry("autoCreateTopicEnable", "true")
                .containsEntry("messageDelayLevel", "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h")
                .containsEntry("fileReservedTime", "72").containsEntry("deleteWhen", "04")
                .containsEntry("diskMaxUsedSpaceRatio", "75").containsEntry("mappedFileSizeCommitLog", "1073741824")
                .containsEntry("transactionTimeOut", "6000").containsEntry("transactionCheckMax", "15")
                .containsEntry("mq.store.file-reserved-time", "3d")
                .containsEntry("storePathRootDir", server.dataDir().toAbsolutePath().toString());
    }

    @Test
    @Order(6)
    void updateBrokerConfigRefusesARunTimeChangeNamingThePropertyToSet() {
        String refused = mqadmin("updateBrokerConfig", "-b", server.brokerAddr(), "-k", "fileReservedTime", "-v", "48");
        assertThat(refused).contains("fileReservedTime cannot change while the broker runs")
                .contains("mq.store.file-reserved-time=48h");
        String unchanged = mqadmin("updateBrokerConfig", "-b", server.brokerAddr(), "-k", "fileReservedTime", "-v", "72");
        assertThat(unchanged).contains("success").doesNotContain("Exception");
    }

    @Test
    @Order(7)
    void consumerStatusReadsTheRunningInfoTheBrokerRelaysFromTheConsumer() throws Exception {
        var connections = admin.examineConsumerConnectionInfo(group);
        String clientId = connections.getConnectionSet().iterator().next().getClientId();
        String output = mqadmin("consumerStatus", "-g", group, "-i", clientId);
        assertThat(output).contains("#Consumer Subscription#").contains(topic).contains("#Consumer Offset#");
    }

    @Test
    @Order(8)
    void brokerConsumeStatsAndQueryCqReadTheQueues() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String output = mqadmin("brokerConsumeStats", "-b", server.brokerAddr());
            assertThat(output).contains("Diff Total: 0");
            assertThat(row(output, topic).get(1)).isEqualTo(group);
        });
        String queue = mqadmin("queryCq", "-t", topic, "-q", "0", "-i", "0", "-c", "3");
        assertThat(queue).containsPattern("max: [1-9]\\d*, min: 0").contains("idx: 0").contains("idx: 2")
                .contains("physicOffset=");
    }

    @Test
    @Order(9)
    void theDashboardsOtherReadsAnswerWithTrueFigures() throws Exception {
        assertThat(admin.fetchTopicsByCLuster("DefaultCluster").getTopicList()).contains(topic);
        assertThat(admin.getKVListByNamespace("ORDER_TOPIC_CONFIG").getTable()).isEmpty();
        assertThat(admin.examineSubscriptionGroupConfig(server.brokerAddr(), group).getGroupName()).isEqualTo(group);

        var stats = admin.viewBrokerStatsData(server.brokerAddr(), "GROUP_GET_NUMS", topic + "@" + group);
        assertThat(stats.getStatsDay().getSum()).isEqualTo(SENT);
        assertThat(admin.viewBrokerStatsData(server.brokerAddr(), "TOPIC_PUT_NUMS", topic).getStatsHour().getSum())
                .isEqualTo(SENT);

        var producers = admin.examineProducerConnectionInfo(producer.getProducerGroup(), topic);
        assertThat(producers.getConnectionSet()).singleElement()
                .satisfies(c -> assertThat(c.getVersion()).isEqualTo(MQVersion.CURRENT_VERSION));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var spans = admin.queryConsumeTimeSpan(topic, group);
            assertThat(spans).hasSize(QUEUES).allSatisfy(span -> {
                assertThat(span.getMinTimeStamp()).isPositive();
                assertThat(span.getMaxTimeStamp()).isGreaterThanOrEqualTo(span.getMinTimeStamp());
                assertThat(span.getConsumeTimeStamp()).isEqualTo(span.getMaxTimeStamp());
                assertThat(span.getDelayTime()).isZero();
            });
        });
    }

    @Test
    @Order(10)
    void systemTopicsTopicsOfAGroupDelayOffsetsAndUnsupportedCodes() throws Exception {
        try (RemotingClient client = new RemotingClient(RemotingClientConfig.defaults())) {
            JsonNode fromNs = body(client.invokeSync(server.namesrvAddr(),
                    RemotingCommand.request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS), 5_000));
            assertThat(fromNs.get("topicList")).extracting(JsonNode::asText).contains("DefaultCluster", "broker-a");
            assertThat(fromNs.get("brokerAddr").asText()).isEqualTo(server.brokerAddr());

            JsonNode fromBroker = body(client.invokeSync(server.brokerAddr(),
                    RemotingCommand.request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER), 5_000));
            assertThat(fromBroker.get("topicList")).extracting(JsonNode::asText)
                    .contains("TBW102", "SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC");

            RemotingCommand topicsOfGroup = RemotingCommand.request(RequestCode.QUERY_TOPICS_BY_CONSUMER)
                    .putExt("group", group); // DefaultMQAdminExt has it in 5.x only
            assertThat(body(client.invokeSync(server.brokerAddr(), topicsOfGroup, 5_000)).get("topicList"))
                    .extracting(JsonNode::asText).contains(topic);

            JsonNode delay = body(client.invokeSync(server.brokerAddr(),
                    RemotingCommand.request(RequestCode.GET_ALL_DELAY_OFFSET), 5_000));
            assertThat(delay.get("offsetTable").size()).isEqualTo(18);

            RemotingCommand timerCheckpoint = RemotingCommand.request(60); // GET_TIMER_CHECK_POINT
            assertThat(client.invokeSync(server.brokerAddr(), timerCheckpoint, 5_000).code())
                    .isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        }
    }

    private static JsonNode body(RemotingCommand response) {
        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        return RemotingJson.mapper().readTree(response.body());
    }
}
