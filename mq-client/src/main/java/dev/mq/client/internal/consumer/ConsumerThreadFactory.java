package dev.mq.client.internal.consumer;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a consumer's daemon threads, named {@code mq-consumer-<group>-<role>-<n>} so that a thread
 * dump tells whose they are and what they do.
 */
final class ConsumerThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger sequence = new AtomicInteger();

    ConsumerThreadFactory(String group, String role) {
        this.prefix = "mq-consumer-" + group + "-" + role + "-";
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + sequence.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
