package dev.mq.server.broker;

import dev.mq.server.broker.admin.BrokerConfig;
import dev.mq.server.broker.admin.BrokerConfig.Setting;
import dev.mq.server.broker.transaction.TransactionSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a {@link Broker} needs to know, already validated (the server binds it from
 * {@code mq.broker.*}).
 *
 * @param port                  listen port; 0 picks a free one
 * @param advertisedHost        the host routes publish (and records carry)
 * @param advertisedPort        the port routes publish; 0 means the listen port
 * @param nameServers           {@code host:port} of each name server
 * @param delayLevels           the delay of each delay level, level 1 first
 * @param transaction           how open transactions are checked
 * @param timerMaxDelay         the latest a timer message may be due after its send
 */
public record BrokerSettings(Path dataDir, int port, String brokerName, String cluster, String advertisedHost,
                             int advertisedPort, List<String> nameServers, boolean autoCreateTopic,
                             int defaultTopicQueueNums, Duration registerInterval, Duration clientExpiry,
                             Duration lockExpiry, List<Duration> delayLevels,
                             TransactionSettings transaction,
                             Duration timerMaxDelay) {

    public BrokerSettings {
        nameServers = List.copyOf(nameServers);
        delayLevels = List.copyOf(delayLevels);
        if (transaction == null) {
            transaction = TransactionSettings.defaults();
        }
        if (nameServers.isEmpty()) {
            throw new IllegalArgumentException("mq.broker.namesrv-addr: a broker needs at least one name server");
        }
    }

    /**
     * These settings as GET_BROKER_CONFIG shows them: under their {@code mq.broker.*} property names
     * and, where Apache RocketMQ has the setting, its name and unit.
     *
     * @param listenPort the port the broker listens on (the chosen one when {@link #port()} is 0)
     */
    List<Setting> describe(int listenPort) {
        String advertised = advertisedPort == 0 ? advertisedHost : advertisedHost + ":" + advertisedPort;
        return List.of(
                Setting.both("mq.broker.port", "listenPort", Integer.toString(listenPort)),
                Setting.both("mq.broker.name", "brokerName", brokerName),
                Setting.both("mq.broker.cluster", "brokerClusterName", cluster),
                new Setting("mq.broker.advertised-address", advertised, "brokerIP1", advertisedHost, v -> v),
                new Setting("mq.broker.namesrv-addr", String.join(";", nameServers), "namesrvAddr",
                        String.join(";", nameServers), v -> v),
                Setting.both("mq.broker.auto-create-topic", "autoCreateTopicEnable", Boolean.toString(autoCreateTopic)),
                Setting.both("mq.broker.default-topic-queue-nums", "defaultTopicQueueNums",
                        Integer.toString(defaultTopicQueueNums)),
                BrokerConfig.millis("mq.broker.register-interval", "registerNameServerPeriod", registerInterval),
                BrokerConfig.millis("mq.broker.client-expiry", "channelExpiredTimeout", clientExpiry),
                Setting.ours("mq.broker.lock-expiry", BrokerConfig.duration(lockExpiry)),
                new Setting("mq.broker.delay-levels",
                        delayLevels.stream().map(BrokerConfig::duration).collect(Collectors.joining(",")),
                        "messageDelayLevel", BrokerConfig.delayLevels(delayLevels),
                        v -> String.join(",", v.trim().split("\\s+"))),
                BrokerConfig.millis("mq.broker.transaction.timeout", "transactionTimeOut", transaction.timeout()),
                BrokerConfig.millis("mq.broker.transaction.check-interval", "transactionCheckInterval",
                        transaction.checkInterval()),
                Setting.both("mq.broker.transaction.max-checks", "transactionCheckMax",
                        Integer.toString(transaction.maxChecks())),
                new Setting("mq.broker.timer.max-delay", BrokerConfig.duration(timerMaxDelay), "timerMaxDelaySec",
                        Long.toString(timerMaxDelay.toSeconds()), v -> v + "s"),
                Setting.fixed("brokerId", "0"),
                Setting.fixed("autoCreateSubscriptionGroup", "true"));
    }
}
