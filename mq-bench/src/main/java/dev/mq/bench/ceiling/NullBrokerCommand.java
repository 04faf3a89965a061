package dev.mq.bench.ceiling;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar mq-bench.jar null-broker [--host h] [--namesrv-port p] [--broker-port p]}:
 * runs a {@link NullBroker} until the process is stopped.
 */
public final class NullBrokerCommand {

    public static final String NAME = "null-broker";

    private NullBrokerCommand() {
    }

    /** Parsed options. */
    record Options(String host, int namesrvPort, int brokerPort) {
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
            broker = new NullBroker(options.host(), options.namesrvPort(), options.brokerPort()).start(options.host());
        } catch (RuntimeException e) {
            err.println("null-broker failed to start: " + e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            err.println("null-broker: stopped after " + broker.sends() + " sends");
            stopped.countDown();
        }, "null-broker-shutdown"));
        err.println("null-broker: name server " + options.host() + ":" + broker.namesrvPort() + ", broker "
                + options.host() + ":" + broker.brokerPort() + " (answers sends at once, stores nothing)");
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
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new Options(host, namesrvPort, brokerPort);
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

                A name server and broker that answer every send at once and store nothing, so that
                the load tool run against it measures the load generator's own ceiling on this
                machine (compare.sh shows it beside both brokers). Routes, heartbeats and sends only.

                options (defaults in brackets):
                  --host address        address to listen on and to publish in routes [127.0.0.1]
                  --namesrv-port port   name-server port [9876]
                  --broker-port port    broker port [10911]
                """;
    }
}
