package dev.mq.bench.scale;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.BrokerData;
import dev.mq.protocol.body.ClusterInfo;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.header.GetRouteInfoHeader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * {@code java -jar mq-bench.jar scale}: the metadata side of "many topics and groups" (issue 21).
 * See {@link ScaleOptions#USAGE}. Prints a readable report on stderr and one JSON line on stdout.
 */
public final class ScaleCommand {

    public static final String NAME = "scale";

    private static final long TIMEOUT_MILLIS = 30_000;
    /** USER_HZ of Linux on every common architecture. */
    private static final double TICKS_PER_SECOND = 100;
    private static final long ROUTES_DEADLINE_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private ScaleCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        ScaleOptions options;
        try {
            options = ScaleOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(ScaleOptions.USAGE);
            return 2;
        }
        if (options == null) {
            out.print(ScaleOptions.USAGE);
            return 0;
        }
        try (RemotingClient client = new RemotingClient(RemotingClientConfig.defaults())) {
            return new Run(options, client, err).execute(out);
        } catch (Exception e) {
            err.println("scale failed: " + e);
            return 1;
        }
    }

    /** One run of the command. */
    private static final class Run {

        private final ScaleOptions options;
        private final RemotingClient client;
        private final PrintStream log;

        Run(ScaleOptions options, RemotingClient client, PrintStream log) {
            this.options = options;
            this.client = client;
            this.log = log;
        }

        int execute(PrintStream out) throws Exception {
            String broker = masterAddress();
            long rssBefore = rssKib();
            log.printf("scale: broker %s, %d topics of %d queues and %d groups, %d in flight; server RSS before %s%n",
                    broker, options.topics(), options.queues(), options.groups(), options.concurrency(), mib(rssBefore));

            long cpuBefore = cpuTicks();
            double topicSeconds = createAll(options.topics(), i -> createTopic(broker, topicName(i)));
            double topicRate = options.topics() / topicSeconds;
            long cpuAfterTopics = cpuTicks();
            double cpuMicrosPerTopic = cpuBefore < 0 || options.topics() == 0 ? -1
                    : (cpuAfterTopics - cpuBefore) * (1e6 / TICKS_PER_SECOND) / options.topics();
            log.printf(Locale.ROOT, "scale: %d topics created in %.1f s: %.0f topics/s; server CPU %.0f us per topic%n",
                    options.topics(), topicSeconds, topicRate, cpuMicrosPerTopic);
            double groupSeconds = createAll(options.groups(), i -> createGroup(broker, groupName(i)));
            double groupRate = options.groups() / Math.max(groupSeconds, 1e-9);
            log.printf(Locale.ROOT, "scale: %d groups created in %.1f s: %.0f groups/s%n", options.groups(), groupSeconds,
                    groupRate);

            long routesStart = System.nanoTime();
            awaitRoutes();
            double routesSeconds = (System.nanoTime() - routesStart) / 1e9;
            log.printf(Locale.ROOT, "scale: every topic routable %.1f s after the last create%n", routesSeconds);

            long[] micros = timeRoutes();
            double p50 = percentile(micros, 0.50) / 1000.0;
            double p99 = percentile(micros, 0.99) / 1000.0;
            double max = micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0;
            log.printf(Locale.ROOT, "scale: route query over %d topics: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    micros.length, p50, p99, max);

            FirstMessageProbe.Result first = firstMessages(broker);

            TimeUnit.SECONDS.sleep(options.settleSeconds());
            long rssAfter = rssKib();
            log.printf("scale: server RSS after %s (growth %s)%n", mib(rssAfter),
                    rssBefore < 0 || rssAfter < 0 ? "n/a" : mib(rssAfter - rssBefore));

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("topics", options.topics());
            result.put("queues", options.queues());
            result.put("groups", options.groups());
            result.put("concurrency", options.concurrency());
            result.put("topicsPerSecond", round(topicRate));
            result.put("groupsPerSecond", round(groupRate));
            result.put("serverCpuMicrosPerTopic", cpuMicrosPerTopic < 0 ? null : round(cpuMicrosPerTopic));
            result.put("routesCompleteSeconds", round(routesSeconds));
            result.put("routeSamples", micros.length);
            result.put("routeP50Ms", round(p50));
            result.put("routeP99Ms", round(p99));
            result.put("routeMaxMs", round(max));
            result.put("firstMessages", first.messages());
            result.put("firstMessageSendRate", round(first.sendRate()));
            result.put("firstMessageWarmUp", first.warmUpMessages());
            result.put("firstMessageP50Ms", round(first.newQueues().percentileMillis(0.50)));
            result.put("firstMessageP99Ms", round(first.newQueues().percentileMillis(0.99)));
            result.put("firstMessageMaxMs", round(first.newQueues().maxMillis()));
            result.put("existingQueueP50Ms", round(first.controlQueue().percentileMillis(0.50)));
            result.put("existingQueueP99Ms", round(first.controlQueue().percentileMillis(0.99)));
            result.put("existingQueueMaxMs", round(first.controlQueue().maxMillis()));
            result.put("rssBeforeMib", rssBefore < 0 ? null : round(rssBefore / 1024.0));
            result.put("rssAfterMib", rssAfter < 0 ? null : round(rssAfter / 1024.0));
            result.put("rssGrowthMib", rssBefore < 0 || rssAfter < 0 ? null : round((rssAfter - rssBefore) / 1024.0));
            out.println(new String(RemotingJson.encode(result), java.nio.charset.StandardCharsets.UTF_8));
            return 0;
        }

        /**
         * One message into queue 0 of each of the first topics, each timed until a waiting pull returns
         * it, after a warm-up round over the topics after them.
         */
        private FirstMessageProbe.Result firstMessages(String broker) throws InterruptedException {
            int count = options.firstMessages();
            if (count == 0) {
                return FirstMessageProbe.Result.none();
            }
            int warmUp = Math.min(options.firstMessageWarmUp(), options.topics() - count);
            String group = options.prefix() + "-first-message";
            String control = options.prefix() + "-first-message-control";
            String problem = createGroup(broker, group);
            if (problem == null) {
                problem = createTopic(broker, control);
            }
            if (problem != null) {
                throw new IllegalStateException("group or control topic for the first messages not created: " + problem);
            }
            FirstMessageProbe.Result first = new FirstMessageProbe(client, broker, group, this::topicName, control,
                    options.firstMessageRate()).run(count, warmUp);
            log.printf(Locale.ROOT, "scale: first message into %d new queues after a warm-up of %d (sent at %.0f/s,"
                            + " each followed by one to an existing queue): send -> returned to a waiting pull:"
                            + " new queues %s; existing queue %s%n", first.messages(), first.warmUpMessages(),
                    first.sendRate(), first.newQueues().describe(), first.controlQueue().describe());
            return first;
        }

        private String topicName(int i) {
            return String.format("%s-topic-%06d", options.prefix(), i);
        }

        private String groupName(int i) {
            return String.format("%s-group-%06d", options.prefix(), i);
        }

        /** The master of the first broker the name server lists, waiting up to 3 minutes for one to register. */
        private String masterAddress() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (true) {
                String problem;
                try {
                    RemotingCommand response = call(options.namesrv(),
                            RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO));
                    ClusterInfo info = RemotingJson.decode(response.body(), ClusterInfo.class);
                    for (BrokerData broker : info.brokerAddrTable().values()) {
                        String master = broker.brokerAddrs().get(0L);
                        if (master != null) {
                            return master;
                        }
                    }
                    problem = "the name server knows no broker master";
                } catch (Exception e) {
                    problem = e.toString();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no broker master at " + options.namesrv() + " within 3 minutes: "
                            + problem);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }

        /** Runs {@code count} creates on {@code concurrency} threads; returns the seconds they took. */
        private double createAll(int count, IntFunction<String> create) throws InterruptedException {
            AtomicInteger next = new AtomicInteger();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < options.concurrency(); t++) {
                Thread thread = new Thread(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count && errors.size() < 10) {
                        String problem = create.apply(i);
                        if (problem != null) {
                            errors.add(problem);
                        }
                    }
                }, "scale-create-" + t);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!errors.isEmpty()) {
                throw new IllegalStateException("creates failed, for example: " + errors);
            }
            return seconds;
        }

        /** Null when created, else what went wrong. */
        private String createTopic(String broker, String topic) {
            RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                    .putExt("topic", topic).putExt("defaultTopic", "TBW102")
                    .putExt("readQueueNums", options.queues()).putExt("writeQueueNums", options.queues())
                    .putExt("perm", 6).putExt("topicFilterType", "SINGLE_TAG").putExt("topicSysFlag", 0)
                    .putExt("order", false);
            return answer(broker, request, topic);
        }

        private String createGroup(String broker, String group) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("groupName", group);
            config.put("consumeEnable", true);
            config.put("consumeFromMinEnable", true);
            config.put("consumeBroadcastEnable", true);
            config.put("retryQueueNums", 1);
            config.put("retryMaxTimes", 16);
            config.put("brokerId", 0);
            config.put("whichBrokerWhenConsumeSlowly", 1);
            config.put("notifyConsumerIdsChangedEnable", true);
            RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP);
            request.setBody(RemotingJson.encode(config));
            return answer(broker, request, group);
        }

        private String answer(String address, RemotingCommand request, String what) {
            try {
                RemotingCommand response = client.invokeSync(address, request, TIMEOUT_MILLIS);
                return response.code() == ResponseCode.SUCCESS ? null
                        : what + ": " + response.code() + " " + response.remark();
            } catch (Exception e) {
                return what + ": " + e;
            }
        }

        /** Waits until the name server routes every created topic (queried from the last one back). */
        private void awaitRoutes() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUTES_DEADLINE_MILLIS);
            int i = options.topics() - 1;
            while (i >= 0) {
                if (routeCode(topicName(i)) == ResponseCode.SUCCESS) {
                    i -= 1;
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no route for " + topicName(i) + " after "
                            + ROUTES_DEADLINE_MILLIS + " ms");
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }

        /** Route query times in microseconds, sorted, over a random sample of the created topics. */
        private long[] timeRoutes() throws Exception {
            int samples = options.topics() == 0 ? 0 : options.routeSamples();
            long[] micros = new long[samples];
            Random random = new Random(21);
            for (int s = 0; s < samples; s++) {
                String topic = topicName(random.nextInt(options.topics()));
                long start = System.nanoTime();
                int code = routeCode(topic);
                micros[s] = (System.nanoTime() - start) / 1000;
                if (code != ResponseCode.SUCCESS) {
                    throw new IllegalStateException("route query for " + topic + " answered " + code);
                }
            }
            Arrays.sort(micros);
            return micros;
        }

        private int routeCode(String topic) throws Exception {
            RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC);
            new GetRouteInfoHeader(topic, null).writeTo(request);
            return client.invokeSync(options.namesrv(), request, TIMEOUT_MILLIS).code();
        }

        private RemotingCommand call(String address, RemotingCommand request) throws Exception {
            RemotingCommand response = client.invokeSync(address, request, TIMEOUT_MILLIS);
            if (response.code() != ResponseCode.SUCCESS) {
                throw new IllegalStateException(address + " answered " + response.code() + " " + response.remark());
            }
            return response;
        }

        /**
         * The summed user and system CPU time of the server processes in clock ticks
         * ({@code /proc/<pid>/stat} fields 14 and 15), or -1 when none was given.
         */
        private long cpuTicks() throws IOException {
            if (options.serverPids().isEmpty()) {
                return -1;
            }
            long total = 0;
            for (long pid : options.serverPids()) {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            }
            return total;
        }

        /** The summed VmRSS of the server processes in KiB, or -1 when none was given. */
        private long rssKib() throws IOException {
            if (options.serverPids().isEmpty()) {
                return -1;
            }
            long total = 0;
            for (long pid : options.serverPids()) {
                List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
                String rss = lines.stream().filter(l -> l.startsWith("VmRSS:")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no VmRSS for process " + pid));
                total += Long.parseLong(rss.replaceAll("[^0-9]", ""));
            }
            return total;
        }
    }

    private static String mib(long kib) {
        return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
