package dev.mq.apache.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Apache RocketMQ broker of an {@link ApacheRocketMq} cluster, in its own JVM
 * ({@code org.apache.rocketmq.broker.BrokerStartup -c broker.conf}).
 *
 * <p>Its directory, {@code workDir/<brokerName>}, holds {@code broker.conf}, {@code console.log}
 * (the JVM's standard output and error), {@code store/} and {@code home/logs/rocketmqlogs/} (Apache's
 * own logs: the JVM runs with {@code user.home} set to {@code home/}). The port, store and
 * configuration stay the same across {@link #stop()}, {@link #kill()} and {@link #start()}, so a
 * restarted broker has the messages it stored before and is found at the same address.
 *
 * <p>Every method that changes the state waits until the name server agrees: {@link #start()} until
 * the broker is registered, {@link #stop()} and {@link #kill()} until it is no longer listed.
 * Thread-safe.
 */
public final class ApacheBroker {

    /** Apache's default {@code brokerPermission}: read and write. */
    private static final String DEFAULT_PERMISSION = "6";

    /** How often a starting broker that is not registered yet is asked to register. */
    private static final Duration NUDGE_INTERVAL = Duration.ofSeconds(1);

    private final ApacheRocketMq cluster;
    private final String name;
    private final long brokerId;
    private final Path directory;
    private final int port;
    private final boolean autoCreateTopicEnable;
    private final Map<String, String> config;
    private final ChildJvm jvm;

    ApacheBroker(ApacheRocketMq cluster, String name, Path directory, Map<String, String> extraConfig) {
        this.cluster = cluster;
        this.name = name;
        this.directory = directory;
        this.port = Ports.freeBrokerPort();
        int haPort = Ports.freePortExcept(port, port - Ports.FAST_PORT_OFFSET);

        Map<String, String> config = new TreeMap<>();
        config.put("brokerClusterName", cluster.clusterName());
        config.put("brokerName", name);
        config.put("namesrvAddr", cluster.namesrvAddress());
        config.put("brokerIP1", ApacheRocketMq.HOST);
        config.put("bindAddress", ApacheRocketMq.HOST);
        config.put("listenPort", Integer.toString(port));
        // Apache's default is listenPort + 1, which may be taken: the harness picks a free one
        config.put("haListenPort", Integer.toString(haPort));
        config.put("storePathRootDir", storeDir().toString());
        config.put("storePathCommitLog", storeDir().resolve("commitlog").toString());
        config.put("autoCreateTopicEnable", "true");
        // small files: tests store little, and Apache's default sizes (1 GiB commit-log files, index
        // files of about 400 MiB) cost disk space wherever the file system does not keep them sparse
        config.put("mappedFileSizeCommitLog", Integer.toString(32 * 1024 * 1024));
        config.put("mappedFileSizeConsumeQueue", Integer.toString(30_000 * 20));
        config.put("mappedFileSizeTimerLog", Integer.toString(8 * 1024 * 1024));
        config.put("maxHashSlotNum", "50000");
        config.put("maxIndexNum", "200000");
        config.putAll(extraConfig);
        this.config = Collections.unmodifiableMap(config);
        this.brokerId = Long.parseLong(config.getOrDefault("brokerId", "0").strip());
        this.autoCreateTopicEnable = Boolean.parseBoolean(config.get("autoCreateTopicEnable").strip());

        this.jvm = new ChildJvm("Apache RocketMQ broker " + name, cluster.javaCommand(directory, "512m",
                "org.apache.rocketmq.broker.BrokerStartup", "-c", directory.resolve("broker.conf").toString()),
                directory.resolve("console.log"));
    }

    /** The broker's name ({@code brokerName}). */
    public String name() {
        return name;
    }

    /** The cluster it belongs to ({@code brokerClusterName}). */
    public String clusterName() {
        return cluster.clusterName();
    }

    /** {@code 127.0.0.1:<port>}, as registered with the name server. */
    public String address() {
        return ApacheRocketMq.HOST + ":" + port;
    }

    /** The port of its remoting server. Apache's broker also listens on this port minus 2 and on an HA port. */
    public int port() {
        return port;
    }

    /** The broker's directory: {@code broker.conf}, {@code console.log}, {@code store/}, {@code home/}. */
    public Path directory() {
        return directory;
    }

    /** The message store ({@code storePathRootDir}). */
    public Path storeDir() {
        return directory.resolve("store");
    }

    /** Standard output and error of the broker's JVM, appended across restarts. */
    public Path consoleLog() {
        return jvm.consoleLog();
    }

    /** Apache's own log files ({@code broker.log}, {@code store.log}, ...). */
    public Path logDir() {
        return directory.resolve("home").resolve("logs").resolve("rocketmqlogs");
    }

    /** The effective {@code broker.conf}: the harness' settings with the caller's on top. */
    public Map<String, String> config() {
        return config;
    }

    /** Whether the broker's JVM is running. */
    public boolean isRunning() {
        return jvm.isAlive();
    }

    /**
     * Starts the broker (again, after {@link #stop()} or {@link #kill()}) on the same store, port
     * and configuration, and waits until the name server lists it (and, with auto-creation on, the
     * route of TBW102 names it).
     *
     * <p>Apache 5.5.0 registers a broker at the end of its start only with the name servers its
     * client has connected to by then, which it does at the same time; when it loses that race the
     * registration waits 10 s for the first periodic one. So while the broker is not registered, the
     * harness asks it once a second to register: an UPDATE_BROKER_CONFIG that sets
     * {@code brokerPermission} to the value it has, as {@code mqadmin updateBrokerConfig} would
     * (Apache registers after a change of that key, and rewrites its configuration file, which is
     * why {@code broker.conf} is written anew at every start).
     *
     * @throws ApacheStartException if the JVM exits first or the start timeout passes; the JVM is
     *                              stopped before this is thrown
     */
    public synchronized void start() {
        cluster.checkOpen();
        if (jvm.isAlive()) {
            throw new IllegalStateException("broker " + name + " is already running");
        }
        // written at every start: Apache rewrites the file when its configuration is updated remotely
        writeConfig();
        jvm.start();
        ClusterProbe probe = cluster.probe();
        String permission = config.getOrDefault("brokerPermission", DEFAULT_PERMISSION).strip();
        long[] nextNudge = {System.nanoTime() + NUDGE_INTERVAL.toNanos()};
        try {
            cluster.awaitReady(jvm, () -> {
                String problem = probe.registeredProblem(clusterName(), name, brokerId, address(), autoCreateTopicEnable);
                // see the method's description
                if (problem != null && System.nanoTime() - nextNudge[0] >= 0) {
                    probe.nudgeRegistration(address(), permission);
                    nextNudge[0] = System.nanoTime() + NUDGE_INTERVAL.toNanos();
                }
                return problem;
            });
        } catch (RuntimeException | Error e) {
            jvm.kill();
            throw e;
        }
    }

    /**
     * Stops the broker as an operator would (SIGTERM: Apache's shutdown hook unregisters it and
     * flushes the store), kills it if it has not ended within the stop timeout, and waits until the
     * name server no longer lists it. Nothing happens if it is not running.
     */
    public synchronized void stop() {
        if (!jvm.isAlive()) {
            return;
        }
        jvm.stop(cluster.stopTimeout());
        awaitUnregistered();
    }

    /**
     * Kills the broker (SIGKILL: no shutdown hook, as in a crash) and waits until the name server no
     * longer lists it, which it notices when the broker's connection drops. Messages the broker
     * accepted are kept (they are in the operating system's page cache); a later {@link #start()}
     * recovers them.
     */
    public synchronized void kill() {
        if (!jvm.isAlive()) {
            return;
        }
        jvm.kill();
        awaitUnregistered();
    }

    /** {@link #stop()} then {@link #start()}: same store, same port, same configuration. */
    public synchronized void restart() {
        stop();
        start();
    }

    @Override
    public String toString() {
        return "ApacheBroker[" + name + " at " + address() + (isRunning() ? "" : ", stopped") + "]";
    }

    /** For {@link ApacheRocketMq#close()}: SIGTERM without waiting, so that brokers stop in parallel. */
    void requestStop() {
        jvm.requestStop();
    }

    /** For {@link ApacheRocketMq#close()}: waits for the end, killing after the stop timeout. */
    void awaitStopped() {
        jvm.awaitStopped(cluster.stopTimeout());
    }

    /** For failures: kills at once. */
    void killQuietly() {
        jvm.kill();
    }

    private void awaitUnregistered() {
        cluster.awaitCondition("the name server to drop broker " + name,
                () -> cluster.probe().unregisteredProblem(name, brokerId, address()));
    }

    private void writeConfig() {
        try {
            Files.createDirectories(storeDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store directory of broker " + name, e);
        }
        ApacheRocketMq.writeProperties(directory.resolve("broker.conf"), config);
    }
}
