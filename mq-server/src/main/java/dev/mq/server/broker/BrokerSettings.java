package dev.mq.server.broker;

import dev.mq.server.broker.transaction.TransactionSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
}
