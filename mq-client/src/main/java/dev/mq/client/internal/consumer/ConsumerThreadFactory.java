package dev.mq.client.internal.consumer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a consumer's daemon threads, named {@code mq-consumer-<group>-<role>-<n>} so that a thread
 * dump tells whose they are and what they do: platform threads, or those of a factory the
 * application gave (virtual threads, say).
 */
final class ConsumerThreadFactory implements ThreadFactory {

    private final String prefix;
    private final ThreadFactory base;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    ConsumerThreadFactory(String group, String role) {
        this(group, role, null);
    }

    /** @param base makes the threads (they are then named here), or null for platform threads */
    ConsumerThreadFactory(String group, String role, ThreadFactory base) {
        this.prefix = "mq-consumer-" + group + "-" + role + "-";
        this.base = base;
    }

    @Override
    public Thread newThread(Runnable task) {
        Runnable tracked = () -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        };
        String name = prefix + sequence.incrementAndGet();
        Thread thread;
        if (base == null) {
            thread = new Thread(tracked, name);
            thread.setDaemon(true);
        } else {
            thread = base.newThread(tracked);
            if (thread == null) {
                throw new IllegalStateException("the consume thread factory " + base + " made no thread");
            }
            thread.setName(name);
            if (!thread.isDaemon()) {
                thread.setDaemon(true); // a platform thread from the application's factory; virtual ones are daemons
            }
        }
        threads.add(thread);
        return thread;
    }

    /** Whether the calling thread is one of these (a close must not wait for the thread it runs on). */
    boolean isCurrent() {
        return threads.contains(Thread.currentThread());
    }
}
