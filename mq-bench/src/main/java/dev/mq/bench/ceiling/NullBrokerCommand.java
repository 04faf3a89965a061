package dev.mq.bench.ceiling;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar mq-bench.jar null-broker [--host h] [--namesrv-port p] [--broker-port p] [--size b]
 * [--backlog n]}: runs a {@link NullBroker} until the process is stopped.
 */
public final class NullBrokerCommand {

    public static final String NAME = "null-broker";

    /** Largest body the official client sends (4 MiB). */
    static final int MAX_SIZE = 4 * 1024 * 1024;

    private NullBrokerCommand() {
    }

    /** Parsed options. */
    record Options(String host, int namesrvPort, int brokerPort, int size, long backlog) {
    }

    /** Runs until the JVM shuts down; returns 2 for bad options, 1 when the ports cannot be opened. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(usage());
            return 2;
        }
        if (options == null) {
            out.print(usage());
            return 0;
        }
        NullBroker broker;
        try {
            broker = new NullBroker(options.host(), options.namesrvPort(), options.brokerPort(), options.size(),
                    options.backlog()).logTo(err::println).start(options.host());
        } catch (RuntimeException e) {
            err.println("null-broker failed to start: " + e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            err.println("null-broker: stopped after " + broker.sends() + " sends and " + broker.pulledMessages()
                    + " messages pulled" + (broker.unsupportedRequests().isEmpty() ? ""
                    : "; not supported (request code=count): " + broker.unsupportedRequests()));
            stopped.countDown();
        }, "null-broker-shutdown"));
        err.println("null-broker: name server " + options.host() + ":" + broker.namesrvPort() + ", broker "
                + options.host() + ":" + broker.brokerPort() + " (answers sends at once, stores nothing; a backlog of "
                + options.backlog() + " messages of " + options.size() + " bytes in every queue)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The options, or null when help was asked for. */
    static Options parse(String[] args) {
        String host = "127.0.0.1";
        int namesrvPort = 9876;
        int brokerPort = 10911;
        int size = NullBroker.DEFAULT_BODY_SIZE;
        long backlog = NullBroker.DEFAULT_BACKLOG;
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
                case "--host" -> host = value;
                case "--namesrv-port" -> namesrvPort = port(name, value);
                case "--broker-port" -> brokerPort = port(name, value);
                case "--size" -> size = (int) number(name, value, 1, MAX_SIZE);
                case "--backlog" -> backlog = number(name, value, 1, Long.MAX_VALUE);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (backlog > NullBroker.maxBacklog(size)) {
            throw new IllegalArgumentException("--backlog must be at most " + NullBroker.maxBacklog(size)
                    + " with --size " + size + ", got " + backlog);
        }
        return new Options(host, namesrvPort, brokerPort, size, backlog);
    }

    /** A whole number within min..max; underscores may group digits (100_000_000). */
    static long number(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.replace("_", ""));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException(name + " must be a whole number " + min + ".." + max + ", got '" + value + "'");
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException(name + " must be a port number 0..65535, got '" + value + "'");
    }

    static String usage() {
        return """
                usage: java -jar mq-bench.jar null-broker [options]

                A name server and broker that answer at once and store nothing, so that the load tool
                run against it measures the load generator's own ceiling on this machine (compare.sh
                shows it beside both brokers): every send is acknowledged, and every queue of every
                topic holds a virtual backlog of --backlog messages of --size bytes that a push
                consumer (consume) drains, built from one encoded record per queue. Also answers what
                a push consumer needs besides pulls: heartbeats, consumer lists, offsets (a new group
                starts at 0), send-backs. Other requests get REQUEST_CODE_NOT_SUPPORTED.

                options (defaults in brackets):
                  --host address        address to listen on and to publish in routes [127.0.0.1]
                  --namesrv-port port   name-server port [9876]
                  --broker-port port    broker port [10911]
                  --size bytes          body size of the backlog's messages [1024]
                  --backlog n           messages in every queue (8 per topic; retry topics are empty)
                                        [100000000]
                """;
    }
}
