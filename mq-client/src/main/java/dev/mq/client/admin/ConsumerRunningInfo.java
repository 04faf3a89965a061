package dev.mq.client.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one online consumer client reports about itself (GET_CONSUMER_RUNNING_INFO, relayed by a
 * broker to the client): its settings, subscriptions, the queues it holds now and its rates.
 *
 * @param group         the consumer group
 * @param clientId      the client
 * @param properties    its settings and facts as it reports them (consumeFromWhere, thread counts, version...)
 * @param subscriptions its subscriptions
 * @param queues        the queues it consumes now, with their local state
 * @param rates         per topic: pull and consume rates
 */
public record ConsumerRunningInfo(String group, String clientId, Map<String, String> properties,
                                  List<Subscription> subscriptions, Map<QueueRef, ProcessQueue> queues,
                                  Map<String, Rates> rates) {

    /** Makes the collections unmodifiable copies. */
    public ConsumerRunningInfo {
        properties = Map.copyOf(properties);
        subscriptions = List.copyOf(subscriptions);
        queues = Map.copyOf(queues);
        rates = Map.copyOf(rates);
    }

    /**
     * A queue as the client holds it.
     *
     * @param commitOffset    the offset the client will commit next
     * @param cachedMessages  messages pulled and not consumed yet
     * @param locked          whether it holds the broker's lock (orderly consumption)
     * @param dropped         whether it is being given up
     * @param lastPullTime    the client's last pull (its clock)
     * @param lastConsumeTime the client's last consumption (its clock)
     */
    public record ProcessQueue(long commitOffset, long cachedMessages, boolean locked, boolean dropped,
                               Optional<Instant> lastPullTime, Optional<Instant> lastConsumeTime) {
    }

    /**
     * A topic's rates in one client.
     *
     * @param pullTps           pulls per second
     * @param consumeOkTps      messages consumed successfully per second
     * @param consumeFailedTps  messages whose consumption failed per second
     * @param consumeRtMillis   mean consume time
     * @param consumeFailedLastHour messages that failed (the client's running count)
     */
    public record Rates(double pullTps, double consumeOkTps, double consumeFailedTps, double consumeRtMillis,
                        long consumeFailedLastHour) {
    }
}
