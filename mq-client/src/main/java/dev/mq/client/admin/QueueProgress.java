package dev.mq.client.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A consumer group's progress on one queue.
 *
 * @param queue                 the queue (its topic may be the group's retry topic)
 * @param brokerOffset          the queue's max offset: where the next message will be stored
 * @param consumerOffset        the group's committed offset; empty when it never committed one here
 * @param lag                   messages stored but not consumed yet; never negative; {@link Lag#UNKNOWN}
 *                              when it cannot be told (no committed offset on a queue that already
 *                              dropped old messages, broadcasting groups)
 * @param client                the client consuming the queue now, when the clients can be asked
 * @param lastConsumedStoreTime store time of the last consumed message, as the broker reports it
 * @param lastConsumeTime       when the owning client last consumed from the queue (its clock)
 * @param backlogAge            age of the oldest message not consumed yet: zero without lag, empty
 *                              when unknown
 */
public record QueueProgress(QueueRef queue, long brokerOffset, OptionalLong consumerOffset, Lag lag,
                            Optional<String> client, Optional<Instant> lastConsumedStoreTime,
                            Optional<Instant> lastConsumeTime, Optional<Duration> backlogAge) {
}
