package dev.mq.apache.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real Apache RocketMQ 5.5.0, for integration tests: a name server and one or more brokers of
 * one cluster, each in its own JVM started from the Maven Central jars, on free loopback ports, with
 * all files under one work directory.
 *
 * <pre>{@code
 * try (ApacheRocketMq apache = ApacheRocketMq.start(workDir)) {
 *     producer.setNamesrvAddr(apache.namesrvAddress());        // "127.0.0.1:<port>"
 *     ...
 *     ApacheBroker b = apache.startBroker("broker-b");         // a second broker, same cluster
 *     apache.broker().restart();                               // same store, same port
 * }
 *
 * ApacheRocketMq apache = ApacheRocketMq.builder(workDir)
 *         .clusterName("TestCluster").brokerName("broker-x")
 *         .brokerProperty("transactionCheckInterval", "1000")   // any broker.conf key
 *         .start();
 * }</pre>
 *
 * <p>{@link #start(Path)} returns once the name server answers and the broker is registered with it
 * (and, as {@code autoCreateTopicEnable} is on by default, the route of TBW102 names it): clients can
 * send at once. A start that fails throws {@link ApacheStartException} with the process' exit code
 * and the tail of its console log, after stopping whatever it had started.
 *
 * <p>{@link #close()} stops the brokers (SIGTERM, in parallel), then the name server, waiting for
 * each JVM to exit and killing it after the stop timeout. Children also die with the test JVM: a
 * shutdown hook kills them if nobody closed the harness, and each child halts by itself when the
 * test JVM is killed outright (see {@link ChildLauncher}).
 *
 * <p>Layout of the work directory, which must be empty or absent: {@code namesrv/} and one
 * directory per broker ({@code broker-a/}, ...), each with its configuration, {@code console.log}
 * (the JVM's standard output and error) and {@code home/logs/rocketmqlogs/} (Apache's own logs);
 * brokers also have {@code store/}. Apache RocketMQ's jars reach only the child JVMs; see
 * {@code ApacheClasspath}.
 *
 * <p>Thread-safe.
 */
public final class ApacheRocketMq implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ApacheRocketMq.class.getName());

    /** The address every process listens on and registers (a broker's HA port excepted: Apache binds it on all interfaces). */
    public static final String HOST = "127.0.0.1";

    /** The name of the first broker unless {@link Builder#brokerName} says otherwise. */
    public static final String DEFAULT_BROKER_NAME = "broker-a";

    /** The cluster name unless {@link Builder#clusterName} says otherwise (Apache's own default). */
    public static final String DEFAULT_CLUSTER_NAME = "DefaultCluster";

    /** broker.conf keys the harness sets itself: addresses and paths it reports must stay true. */
    private static final Set<String> MANAGED_BROKER_KEYS = Set.of("brokerClusterName", "brokerName",
            "namesrvAddr", "brokerIP1", "listenPort", "haListenPort", "storePathRootDir", "storePathCommitLog");

    private static final Pattern BROKER_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 40;

    private final Path workDir;
    private final String clusterName;
    private final Map<String, String> brokerDefaults;
    private final Path java;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final int namesrvPort;
    private final ChildJvm namesrv;
    private final Map<String, ApacheBroker> brokers = new LinkedHashMap<>();
    private ClusterProbe probe;
    private volatile boolean closed;

    private ApacheRocketMq(Builder builder) {
        this.workDir = builder.workDir.toAbsolutePath().normalize();
        this.clusterName = builder.clusterName;
        this.brokerDefaults = Map.copyOf(builder.brokerProperties);
        this.java = builder.javaHome.resolve("bin").resolve("java");
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.namesrvPort = Ports.freePort();

        Path dir = workDir.resolve("namesrv");
        Map<String, String> config = new TreeMap<>(builder.namesrvProperties);
        config.put("listenPort", Integer.toString(namesrvPort));
        config.putIfAbsent("bindAddress", HOST);
        writeProperties(dir.resolve("namesrv.conf"), config);
        this.namesrv = new ChildJvm("Apache RocketMQ name server", javaCommand(dir, "128m",
                "org.apache.rocketmq.namesrv.NamesrvStartup", "-c", dir.resolve("namesrv.conf").toString()),
                dir.resolve("console.log"));
    }

    /**
     * Starts a name server and one broker ({@value #DEFAULT_BROKER_NAME} in
     * {@value #DEFAULT_CLUSTER_NAME}) with the default settings; see {@link Builder}.
     *
     * @param workDir an empty or absent directory for every file of the processes
     * @throws ApacheStartException if a process exits during start or is not ready within 60 s
     */
    public static ApacheRocketMq start(Path workDir) {
        return builder(workDir).start();
    }

    /** Settings for a start with other than the default settings. */
    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** {@code 127.0.0.1:<port>} of the name server, for clients' {@code namesrvAddr}. */
    public String namesrvAddress() {
        return HOST + ":" + namesrvPort;
    }

    /** The cluster every broker of this harness belongs to. */
    public String clusterName() {
        return clusterName;
    }

    /** The first broker, started by {@link #start(Path)} or {@link Builder#start()}. */
    public synchronized ApacheBroker broker() {
        return brokers.values().iterator().next();
    }

    /** The first broker's address, {@code 127.0.0.1:<port>}. */
    public String brokerAddress() {
        return broker().address();
    }

    /** The first broker's name. */
    public String brokerName() {
        return broker().name();
    }

    /** Restarts the first broker: see {@link ApacheBroker#restart()}. */
    public void restartBroker() {
        broker().restart();
    }

    /** The broker of this name, if this harness started one. */
    public synchronized ApacheBroker broker(String brokerName) {
        ApacheBroker broker = brokers.get(brokerName);
        if (broker == null) {
            throw new IllegalArgumentException("no broker named " + brokerName + "; there are " + brokers.keySet());
        }
        return broker;
    }

    /** Every broker this harness started, the first one first (stopped ones too). */
    public synchronized List<ApacheBroker> brokers() {
        return List.copyOf(brokers.values());
    }

    /**
     * Starts another broker in the same cluster, registered with the same name server, with the
     * same settings as the first one; waits until it is registered.
     *
     * @param brokerName letters, digits, '.', '_' or '-'; not yet used in this harness
     * @throws ApacheStartException if it exits during start or is not ready in time (it is stopped
     *                              and forgotten; the rest of the cluster keeps running)
     */
    public ApacheBroker startBroker(String brokerName) {
        return startBroker(brokerName, Map.of());
    }

    /**
     * As {@link #startBroker(String)}, with broker.conf properties for this broker on top of the
     * harness-wide ones (the harness' own keys, such as {@code listenPort}, are refused).
     */
    public ApacheBroker startBroker(String brokerName, Map<String, String> brokerProperties) {
        Objects.requireNonNull(brokerName, "brokerName");
        if (!BROKER_NAME.matcher(brokerName).matches()) {
            throw new IllegalArgumentException("a broker name here is letters, digits, '.', '_' or '-', got '" + brokerName + "'");
        }
        brokerProperties.forEach(ApacheRocketMq::checkBrokerProperty);
        ApacheBroker broker;
        synchronized (this) {
            checkOpen();
            if (brokers.containsKey(brokerName)) {
                throw new IllegalArgumentException("this harness already has a broker named " + brokerName);
            }
            Map<String, String> config = new TreeMap<>(brokerDefaults);
            config.putAll(brokerProperties);
            broker = new ApacheBroker(this, brokerName, workDir.resolve(brokerName), config);
            brokers.put(brokerName, broker);
        }
        try {
            broker.start();
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                brokers.remove(brokerName, broker); // the name may be used again, e.g. with other properties
            }
            throw e;
        }
        return broker;
    }

    /** The work directory, as an absolute path. */
    public Path workDir() {
        return workDir;
    }

    /** Standard output and error of the name server's JVM. */
    public Path namesrvConsoleLog() {
        return namesrv.consoleLog();
    }

    /**
     * Stops every broker (in parallel), then the name server; each is killed if it has not ended
     * within the stop timeout (30 s unless set otherwise). Returns when all of them have exited.
     * Idempotent.
     */
    @Override
    public void close() {
        List<ApacheBroker> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = List.copyOf(brokers.values());
        }
        try {
            toStop.forEach(ApacheBroker::requestStop);
            toStop.forEach(ApacheBroker::awaitStopped);
            namesrv.stop(stopTimeout);
        } finally {
            // whatever went wrong above (an interrupt, say), nothing may keep running
            toStop.forEach(ApacheBroker::killQuietly);
            namesrv.kill();
            synchronized (this) {
                if (probe != null) {
                    probe.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ApacheRocketMq[namesrv " + namesrvAddress() + ", brokers " + brokers() + "]";
    }

    // ---- for ApacheBroker ----

    Duration stopTimeout() {
        return stopTimeout;
    }

    synchronized ClusterProbe probe() {
        if (probe == null) {
            probe = new ClusterProbe(namesrvAddress());
        }
        return probe;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this harness is closed");
        }
    }

    /** The command line of a child JVM whose directory (user.home, rocketmq.home.dir, logs) is {@code dir}. */
    List<String> javaCommand(Path dir, String maxHeap, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx" + maxHeap,
                // start fast and keep out of the way on a small machine: tests need no peak throughput
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-OmitStackTraceInFastThrow",
                "-Duser.home=" + dir.resolve("home"),
                "-Drocketmq.home.dir=" + dir,
                // Apache's logback prints its whole configuration status otherwise, burying real errors
                "-Dlogback.statusListenerClass=org.apache.rocketmq.logging.ch.qos.logback.core.status.NopStatusListener",
                "-cp", ApacheClasspath.forChildJvm(),
                ChildLauncher.class.getName(),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Waits until {@code problem} supplies null (ready) while {@code jvm} runs; polls every 100 ms,
     * each pause ending early if the JVM exits.
     *
     * @throws ApacheStartException if the JVM exits first or the start timeout passes
     */
    void awaitReady(ChildJvm jvm, Supplier<String> problem) {
        long start = System.nanoTime();
        long deadline = start + startTimeout.toNanos();
        String lastProblem;
        try {
            while (true) {
                if (!jvm.isAlive()) {
                    throw startFailure(jvm, jvm.name() + " exited with code " + jvm.exitCode() + " during start",
                            jvm.exitCode());
                }
                lastProblem = problem.get();
                if (lastProblem == null) {
                    LOG.log(Level.INFO, "{0} ready after {1} ms ({2})", jvm.name(),
                            Long.toString((System.nanoTime() - start) / 1_000_000), workDir);
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw startFailure(jvm, jvm.name() + " was not ready within " + startTimeout.toSeconds()
                            + " s; last seen: " + lastProblem, null);
                }
                jvm.awaitExit(POLL_INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + jvm.name() + " to start", e);
        }
    }

    /** Waits until {@code problem} supplies null, at most the start timeout. */
    void awaitCondition(String what, Supplier<String> problem) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        String lastProblem = problem.get();
        while (lastProblem != null) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("waited " + startTimeout.toSeconds() + " s for " + what
                        + "; last seen: " + lastProblem);
            }
            try {
                namesrv.awaitExit(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            if (!namesrv.isAlive()) {
                throw new IllegalStateException("the name server exited while waiting for " + what);
            }
            lastProblem = problem.get();
        }
    }

    private ApacheStartException startFailure(ChildJvm jvm, String what, Integer exitCode) {
        return new ApacheStartException(what + "; last lines of " + jvm.consoleLog() + " (Apache's own logs are in "
                + jvm.consoleLog().resolveSibling("home").resolve("logs").resolve("rocketmqlogs") + "):"
                + System.lineSeparator() + jvm.logTail(LOG_TAIL_LINES), exitCode);
    }

    private void startNamesrv() {
        namesrv.start();
        try {
            awaitReady(namesrv, () -> probe().namesrvProblem());
        } catch (RuntimeException | Error e) {
            namesrv.kill();
            throw e;
        }
    }

    private static void checkBrokerProperty(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value of " + key);
        if (MANAGED_BROKER_KEYS.contains(key)) {
            throw new IllegalArgumentException(key + " is set by the harness"
                    + (key.equals("brokerName") || key.equals("brokerClusterName")
                    ? "; use Builder.brokerName/clusterName or startBroker(name)" : ""));
        }
        checkPropertyText(key, value);
    }

    private static void checkPropertyText(String key, String value) {
        if (key.isBlank() || !key.equals(key.strip()) || key.matches(".*[=:#!\\s].*")) {
            throw new IllegalArgumentException("not a property key: '" + key + "'");
        }
        if (value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("the value of " + key + " has a line break");
        }
    }

    /** Writes a properties file as Apache reads it ({@code Properties.load}), one key per line in the map's order. */
    static void writeProperties(Path file, Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# written by mq-apache-harness\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void requireEmptyOrAbsent(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the work directory " + dir + " is a file");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("the work directory " + dir
                        + " is not empty: each harness needs a fresh one (stores of earlier runs would be recovered)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Settings of an {@link ApacheRocketMq}. The defaults: cluster {@value #DEFAULT_CLUSTER_NAME},
     * first broker {@value #DEFAULT_BROKER_NAME}, {@code autoCreateTopicEnable=true}, the JVM that
     * runs the tests ({@code java.home}), 60 s to start each process and 30 s to stop it.
     *
     * <p>Every broker's broker.conf also gets {@code brokerIP1} and {@code bindAddress} 127.0.0.1,
     * free ports, a store under its directory and small store files; properties given here or to
     * {@link #startBroker(String, Map)} come on top.
     */
    public static final class Builder {

        private final Path workDir;
        private String clusterName = DEFAULT_CLUSTER_NAME;
        private String brokerName = DEFAULT_BROKER_NAME;
        private final Map<String, String> brokerProperties = new TreeMap<>();
        private final Map<String, String> namesrvProperties = new TreeMap<>();
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(30);

        private Builder(Path workDir) {
            this.workDir = Objects.requireNonNull(workDir, "workDir");
        }

        /** The cluster name ({@code brokerClusterName}) of every broker. */
        public Builder clusterName(String clusterName) {
            Objects.requireNonNull(clusterName, "clusterName");
            checkPropertyText("brokerClusterName", clusterName);
            if (clusterName.isBlank()) {
                throw new IllegalArgumentException("the cluster name is blank");
            }
            this.clusterName = clusterName;
            return this;
        }

        /** The name of the first broker: letters, digits, '.', '_' or '-'. */
        public Builder brokerName(String brokerName) {
            Objects.requireNonNull(brokerName, "brokerName");
            if (!BROKER_NAME.matcher(brokerName).matches()) {
                throw new IllegalArgumentException("a broker name here is letters, digits, '.', '_' or '-', got '" + brokerName + "'");
            }
            this.brokerName = brokerName;
            return this;
        }

        /** Whether brokers create topics on first send ({@code autoCreateTopicEnable}; default true). */
        public Builder autoCreateTopicEnable(boolean enable) {
            return brokerProperty("autoCreateTopicEnable", Boolean.toString(enable));
        }

        /**
         * A broker.conf property for every broker of this harness, e.g.
         * {@code ("transactionCheckInterval", "1000")}. Apache ignores unknown keys and values it
         * cannot parse. The keys the harness sets itself (ports, addresses, store paths, names) are
         * refused.
         */
        public Builder brokerProperty(String key, String value) {
            checkBrokerProperty(key, value);
            brokerProperties.put(key, value);
            return this;
        }

        /** A namesrv.conf property of the name server; {@code listenPort} is refused. */
        public Builder namesrvProperty(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value of " + key);
            if (key.equals("listenPort")) {
                throw new IllegalArgumentException("listenPort is set by the harness");
            }
            checkPropertyText(key, value);
            namesrvProperties.put(key, value);
            return this;
        }

        /** The JDK the child JVMs run on (default: the one running the caller). */
        public Builder javaHome(Path javaHome) {
            this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
            return this;
        }

        /** How long each process may take to become ready (default 60 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = positive(timeout, "startTimeout");
            return this;
        }

        /** How long each process may take to exit after SIGTERM before it is killed (default 30 s). */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stopTimeout");
            return this;
        }

        /**
         * Starts the name server, waits until it answers, then starts the first broker and waits
         * until it is registered. On failure everything started is stopped before the exception.
         *
         * @throws ApacheStartException if a process exits during start or is not ready in time
         */
        public ApacheRocketMq start() {
            requireEmptyOrAbsent(workDir);
            ApacheRocketMq apache = new ApacheRocketMq(this);
            try {
                apache.startNamesrv();
                apache.startBroker(brokerName);
                return apache;
            } catch (RuntimeException | Error e) {
                try {
                    apache.close();
                } catch (RuntimeException | Error closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + duration);
            }
            return duration;
        }
    }
}
