package dev.mq.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the client's daemon threads, named {@code mq-client-<role>-<n>}, and remembers them so that
 * code can tell whether it runs on one (closing must not wait for the pool it runs on).
 */
final class ClientThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    ClientThreads(String role) {
        this.prefix = "mq-client-" + role + "-";
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

    /** Whether the calling thread is one of these. */
    boolean isCurrent() {
        return threads.contains(Thread.currentThread());
    }
}
