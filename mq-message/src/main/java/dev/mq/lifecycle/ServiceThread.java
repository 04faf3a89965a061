package dev.mq.lifecycle;

import java.util.concurrent.locks.LockSupport;

/**
 * The one thread of a service loop: started once, woken from other threads, stopped by waking it
 * and waiting for it to end. The loop checks its service's own running flag.
 */
public final class ServiceThread {

    private volatile Thread thread;

    /**
     * Starts {@code body} on a new daemon thread named {@code name}.
     *
     * @throws IllegalStateException if this thread was started before
     */
    public void start(String name, Runnable body) {
        if (thread != null) {
            throw new IllegalStateException("service thread " + name + " already started");
        }
        Thread started = new Thread(body, name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Unparks the thread if it is parked; harmless before start. */
    public void wake() {
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    /**
     * Wakes the thread and waits for it to end (the caller has already cleared the running flag).
     * Returns at once when called on the thread itself, or before start.
     */
    public void stopAndJoin() {
        Thread current = thread;
        if (current == null || current == Thread.currentThread()) {
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
