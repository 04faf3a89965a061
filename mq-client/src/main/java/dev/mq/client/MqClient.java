package dev.mq.client;

import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.ClientSettings;
import dev.mq.client.internal.admin.DefaultMqAdmin;
import dev.mq.client.admin.MqAdmin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A connection to one messaging cluster (one list of name servers), shared by every producer, push
 * and pull consumer (and, later, admin call) made from it: one connection per broker, one route cache, one
 * heartbeat, one set of client threads. Create one per cluster and application, share it, close it
 * last; there are no hidden static instances.
 *
 * <pre>{@code
 * try (MqClient client = MqClient.builder().namesrv("127.0.0.1:9876").build();
 *      Producer producer = client.producer("orders-service").build()) {
 *     producer.send(Message.builder("Orders").tags("created").body("{...}").build());
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes its producers and consumers (and what else it made) first.
 */
public final class MqClient implements AutoCloseable {

    private final ClientCore core;

    private MqClient(ClientCore core) {
        this.core = core;
    }

    /** Starts a client's settings; only the name servers are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a producer of {@code group} (letters, digits, '%', '|', '_' and '-').
     *
     * @throws MqClientException when the client is closed
     */
    public Producer.Builder producer(String group) {
        core.ensureOpen();
        return new Producer.Builder(core, group);
    }

    /**
     * Starts a transactional producer of {@code group} whose {@code checker} answers the brokers'
     * check-backs for transactions of this group.
     *
     * @throws MqClientException when the client is closed
     */
    public TransactionalProducer.Builder transactionalProducer(String group, TransactionChecker checker) {
        core.ensureOpen();
        return new TransactionalProducer.Builder(core, group, checker);
    }

    /**
     * The admin API of this client's cluster: topics, consumer groups and their lag, offsets, dead
     * letters, message search ({@link MqAdmin}). Owned by the client (it holds nothing of its own:
     * calls go through the client's connections) and thread-safe; calls fail once the client is closed.
     *
     * @throws MqClientException when the client is closed
     */
    public MqAdmin admin() {
        core.ensureOpen();
        return DefaultMqAdmin.of(core);
    }

    /**
     * Starts a push consumer of {@code group}: subscriptions and a listener, then
     * {@link PushConsumer.Builder#build() build()}, which starts it.
     *
     * <pre>{@code
     * PushConsumer consumer = client.pushConsumer("billing").subscribe("Orders", "created || paid")
     *         .listener(messages -> ConsumeResult.SUCCESS).threads(20).build();
     * }</pre>
     *
     * @throws MqClientException when the client is closed
     */
    public PushConsumer.Builder pushConsumer(String group) {
        core.ensureOpen();
        return new PushConsumer.Builder(core, group);
    }

    /**
     * Starts a pull consumer of {@code group}; after {@link PullConsumer.Builder#build() build()} it
     * {@link PullConsumer#subscribe subscribes} or is {@link PullConsumer#assign assigned} queues, then
     * {@link PullConsumer#poll polls}.
     *
     * @throws MqClientException when the client is closed
     */
    public PullConsumer.Builder pullConsumer(String group) {
        core.ensureOpen();
        return new PullConsumer.Builder(core, group);
    }

    /** How brokers know this client: {@code ip@instanceName}. */
    public String clientId() {
        return core.clientId();
    }

    /** The shared machinery, for consumers and the admin API of this module (not API). */
    ClientCore core() {
        return core;
    }

    /**
     * Closes every producer and consumer made from this client (each commits what it must and takes its
     * group off the brokers), then every connection and thread. Idempotent.
     */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "MqClient[" + core.clientId() + " namesrv=" + core.settings().namesrvAddresses() + "]";
    }

    /** A client's settings. Not thread-safe. */
    public static final class Builder {

        private final List<String> namesrv = new ArrayList<>();
        private Duration requestTimeout = Duration.ofSeconds(3);
        private Duration routeRefreshInterval = Duration.ofSeconds(30);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(3);
        private int callbackThreads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private String instanceName = ProcessHandle.current().pid() + "#" + System.nanoTime();

        private Builder() {
        }

        /**
         * Adds name servers: {@code host:port}, several separated by {@code ;} (as the official
         * clients' {@code namesrvAddr}). Required.
         */
        public Builder namesrv(String addresses) {
            Objects.requireNonNull(addresses, "addresses");
            for (String address : addresses.split(";")) {
                if (!address.isBlank()) {
                    namesrv.add(address.trim());
                }
            }
            return this;
        }

        /** How long calls other than sends wait for an answer: route lookups, heartbeats (default 3 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** How often the routes of known topics are looked up again (default 30 s). */
        public Builder routeRefreshInterval(Duration interval) {
            this.routeRefreshInterval = interval;
            return this;
        }

        /** How often brokers are told which groups this client serves (default 30 s). */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        /** How long opening a connection may take (default 3 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Threads that complete asynchronous sends and run transaction checkers (default: 2 to 4, by
         * processor count). Callbacks that block hold one of them.
         */
        public Builder callbackThreads(int threads) {
            this.callbackThreads = threads;
            return this;
        }

        /** Network I/O threads (default: 1 to 4, by processor count). */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /**
         * The part of the client id after the IP; brokers tell clients apart by it (default: process id
         * and a timestamp, unique per client).
         */
        public Builder instanceName(String name) {
            this.instanceName = name;
            return this;
        }

        /**
         * Validates the settings and starts the client (no connection is opened before the first use).
         *
         * @throws MqClientException naming the first bad setting
         */
        public MqClient build() {
            return new MqClient(new ClientCore(new ClientSettings(namesrv, requestTimeout, routeRefreshInterval,
                    heartbeatInterval, callbackThreads, ioThreads, connectTimeout, instanceName)));
        }
    }
}
