package dev.mq.bench.scale;

import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code mq-bench.jar scale}.
 *
 * @param namesrv      {@code host:port} of the name server
 * @param topics       topics to create
 * @param queues       read and write queues of each
 * @param groups       subscription groups to create
 * @param concurrency  creates in flight at once (one thread each, as that many admin tools would)
 * @param routeSamples route queries timed after the creates
 * @param prefix       start of every created topic and group name
 * @param serverPids   server processes whose resident memory is read before and after (may be empty)
 * @param settleSeconds pause before the memory is read after the creates
 * @param firstMessages topics that get their first message after the route queries (at most {@code topics})
 * @param firstMessageRate first messages sent per second, one at a time
 * @param firstMessageWarmUp first messages sent, untimed, to the topics after those before the timed ones
 */
record ScaleOptions(String namesrv, int topics, int queues, int groups, int concurrency, int routeSamples,
                    String prefix, List<Long> serverPids, int settleSeconds, int firstMessages, int firstMessageRate,
                    int firstMessageWarmUp) {

    static final String USAGE = """
            usage: java -jar mq-bench.jar scale --namesrv HOST:PORT [options]

            Creates many topics and subscription groups through the admin requests (UPDATE_AND_CREATE_TOPIC
            and UPDATE_AND_CREATE_SUBSCRIPTIONGROUP sent to the broker's master, as DefaultMQAdminExt's
            createAndUpdateTopicConfig and createAndUpdateSubscriptionGroupConfig do), waits until the name
            server routes every topic, then times route queries (GET_ROUTEINFO_BY_TOPIC) over a sample. Then,
            with a long-polling pull waiting on queue 0 of each of the first M topics, it sends one message
            to each (SEND_MESSAGE_V2, one at a time, paced) and times each from its send until its pull
            returns it: the first message into a new queue, as a consumer sees it.

              --namesrv HOST:PORT   the name server (required)
              --topics N            topics to create [5000]
              --queues Q            read and write queues per topic [4]
              --groups G            subscription groups to create [2000]
              --concurrency C       creates in flight at once [16]
              --route-samples S     route queries to time [2000]
              --prefix P            name prefix of the topics and groups [scale-<epoch seconds>]
              --server-pids P[,P]   server processes whose VmRSS is summed before and after
              --settle S            seconds to wait before the memory is read after the creates [5]
              --first-messages M    topics that get a first message, timed until consumed [1000]
              --first-message-rate R  first messages sent per second [1000]
              --first-message-warmup W  untimed first messages before, into the topics after those M [1000]
            """;

    static ScaleOptions parse(String[] args) {
        String namesrv = null;
        int topics = 5000;
        int queues = 4;
        int groups = 2000;
        int concurrency = 16;
        int samples = 2000;
        String prefix = "scale-" + (System.currentTimeMillis() / 1000);
        List<Long> pids = new ArrayList<>();
        int settle = 5;
        int firstMessages = 1000;
        int firstMessageRate = 1000;
        int firstMessageWarmUp = 1000;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value" : "unknown argument " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--namesrv" -> namesrv = value;
                case "--topics" -> topics = whole(name, value, 0);
                case "--queues" -> queues = whole(name, value, 1);
                case "--groups" -> groups = whole(name, value, 0);
                case "--concurrency" -> concurrency = whole(name, value, 1);
                case "--route-samples" -> samples = whole(name, value, 0);
                case "--prefix" -> prefix = value;
                case "--settle" -> settle = whole(name, value, 0);
                case "--first-messages" -> firstMessages = whole(name, value, 0);
                case "--first-message-rate" -> firstMessageRate = whole(name, value, 1);
                case "--first-message-warmup" -> firstMessageWarmUp = whole(name, value, 0);
                case "--server-pids" -> {
                    for (String pid : value.split(",")) {
                        if (!pid.isBlank()) {
                            pids.add((long) whole(name, pid.trim(), 1));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (namesrv == null) {
            throw new IllegalArgumentException("--namesrv is required");
        }
        if (queues > 1024) {
            throw new IllegalArgumentException("--queues must be 1..1024 but was " + queues);
        }
        return new ScaleOptions(namesrv, topics, queues, groups, concurrency, samples, prefix, List.copyOf(pids), settle,
                Math.min(firstMessages, topics), firstMessageRate, firstMessageWarmUp);
    }

    private static int whole(String name, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + " but was " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number but was " + value);
        }
    }
}
