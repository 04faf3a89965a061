package dev.mq.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code mq.broker.*}: the broker. ({@code name} is documented before {@code namesrvAddr}: the
 * configuration processor takes the first {@code @param} that starts with a component's name.)
 *
 * @param port                  TCP port clients connect to (default 10911)
 * @param name                  broker name (default {@code broker-a})
 * @param namesrvAddr           name servers to register with, {@code ;}-separated {@code host:port};
 *                              empty means the name server in this process
 * @param cluster               cluster name (default {@code DefaultCluster})
 * @param advertisedAddress     the host (or {@code host:port}) that routes publish for this broker, for
 *                              containers and NAT; empty means this machine's first site-local IPv4
 *                              address, else 127.0.0.1
 * @param autoCreateTopic       create a topic on its first send (as RocketMQ's TBW102 template); default true
 * @param defaultTopicQueueNums queues of an auto-created topic at most, and of the TBW102 template (8)
 * @param registerInterval      how often the broker re-registers with the name servers (30 s)
 * @param clientExpiry          a client channel without heartbeat for this long is dropped (120 s)
 * @param lockExpiry            an orderly consumer's queue lock expires after this long unless renewed (60 s)
 * @param delayLevels           the delay of each delay level, level 1 first (RocketMQ's 18 levels
 *                              1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h); retries use
 *                              level 3 + the number of earlier retries
 * @param transaction           {@code mq.broker.transaction.*}: checks of open transactions ({@link TransactionProperties})
 * @param timer                 {@code mq.broker.timer.*}: exact-time delivery ({@link TimerProperties})
 */
@ConfigurationProperties("mq.broker")
public record BrokerProperties(@DefaultValue("10911") int port,
                               @DefaultValue("") String namesrvAddr,
                               @DefaultValue("broker-a") String name,
                               @DefaultValue("DefaultCluster") String cluster,
                               @DefaultValue("") String advertisedAddress,
                               @DefaultValue("true") boolean autoCreateTopic,
                               @DefaultValue("8") int defaultTopicQueueNums,
                               @DefaultValue("30s") Duration registerInterval,
                               @DefaultValue("120s") Duration clientExpiry,
                               @DefaultValue("60s") Duration lockExpiry,
                               @DefaultValue({"1s", "5s", "10s", "30s", "1m", "2m", "3m", "4m", "5m", "6m", "7m",
                                       "8m", "9m", "10m", "20m", "30m", "1h", "2h"}) List<Duration> delayLevels,
                               @DefaultValue TransactionProperties transaction,
                               @DefaultValue TimerProperties timer) {

    public BrokerProperties {
        Checks.port("mq.broker.port", port);
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("mq.broker.name must be 1-64 letters, digits, '_' or '-' but was '" + name + "'");
        }
        if (cluster == null || !cluster.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("mq.broker.cluster must be 1-64 letters, digits, '_' or '-' but was '" + cluster + "'");
        }
        Checks.atLeast("mq.broker.default-topic-queue-nums", defaultTopicQueueNums, 1);
        Checks.positive("mq.broker.register-interval", registerInterval);
        Checks.positive("mq.broker.client-expiry", clientExpiry);
        Checks.positive("mq.broker.lock-expiry", lockExpiry);
        if (delayLevels == null || delayLevels.isEmpty()) {
            throw new IllegalArgumentException("mq.broker.delay-levels must list at least one positive duration "
                    + "(such as 1s,5s,10s) but was empty");
        }
        for (int i = 0; i < delayLevels.size(); i++) {
            Checks.positive("mq.broker.delay-levels[" + i + "] (level " + (i + 1) + ")", delayLevels.get(i));
        }
        delayLevels = List.copyOf(delayLevels);
        namesrvAddr = namesrvAddr == null ? "" : namesrvAddr.trim();
        advertisedAddress = advertisedAddress == null ? "" : advertisedAddress.trim();
        transaction = transaction == null ? TransactionProperties.defaults() : transaction;
        timer = timer == null ? TimerProperties.DEFAULTS : timer;
    }
}
