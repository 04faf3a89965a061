package dev.mq.store.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * The one thread of a store service: started once, woken from other threads, stopped by waking
 * it and waiting for it to end. The service's loop checks its own running flag.
 */
final class ServiceThread {

    private volatile Thread thread;

    /** Starts {@code body} on a new daemon thread named {@code name}. */
    void start(String name, Runnable body) {
        if (thread != null) {
            throw new IllegalStateException("service thread " + name + " already started");
        }
        Thread started = new Thread(body, name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Unparks the thread if it is parked; harmless before start. */
    void wake() {
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    /** Wakes the thread and waits for it to end (the caller has already cleared the running flag). */
    void stopAndJoin() {
        Thread current = thread;
        if (current == null) {
            return;
        }
        LockSupport.unpark(current);
        try {
            current.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
