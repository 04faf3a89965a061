package dev.mq.server.broker.admin;

import dev.mq.lifecycle.WorkerPool;
import dev.mq.server.broker.stats.BrokerStats;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the admin requests read about the running broker beyond its shared state: its statistics,
 * worker pools, delay-level progress, settings and when it began serving. The broker hands it over
 * when it builds the admin processors.
 *
 * @param stats         the message statistics
 * @param sendPool      the pool sends run on when they do not run on their I/O thread
 * @param pullPool      the pool pulls (and queries and admin requests) run on
 * @param delayProgress the next queue offset to deliver of each delay level, level 1 first
 * @param servingSince  when the broker began accepting requests (epoch millis; 0 before)
 * @param active        whether the broker is serving (started and not closing)
 * @param config        the effective settings
 */
public record BrokerRuntime(BrokerStats stats, WorkerPool sendPool, WorkerPool pullPool,
                            Supplier<long[]> delayProgress, LongSupplier servingSince, BooleanSupplier active,
                            BrokerConfig config) {
}
