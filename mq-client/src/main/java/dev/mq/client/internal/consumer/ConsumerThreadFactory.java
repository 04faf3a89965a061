package dev.mq.client.internal.consumer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a consumer's daemon threads, named {@code mq-consumer-<group>-<role>-<n>} so that a thread
 * dump tells whose they are and what they do.
 */
final class ConsumerThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    ConsumerThreadFactory(String group, String role) {
        this.prefix = "mq-consumer-" + group + "-" + role + "-";
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, prefix + sequence.incrementAndGet());
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    /** Whether the calling thread is one of these (a close must not wait for the thread it runs on). */
    boolean isCurrent() {
        return threads.contains(Thread.currentThread());
    }
}
