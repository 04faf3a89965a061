package dev.mq.store.internal;

import dev.mq.lifecycle.ServiceThread;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Creates the first file of new consume queues, so that the dispatcher never waits for the file
 * system: making a queue's directories and its mapped file takes 0.3 to 1 ms, more while the
 * journal commits another thread's flush, and a thousand new queues a second would hold up every
 * other queue behind them. Meanwhile the queue keeps its entries in memory ({@link PendingEntries})
 * and the dispatcher writes them into the file once it is there.
 *
 * <p>Owns one thread; it only creates empty files (each under its queue's lock, so that a queue
 * closed or destroyed meanwhile gets none) and tells {@code onCreated}, then the queue's writer
 * adopts the file. A failed creation completes the request exceptionally; the writer reports it
 * when it adopts the file.
 */
public final class QueueFileCreator implements Runnable {

    private static final long IDLE_NANOS = 10_000_000L;

    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Consumer<ConsumeQueue> onCreated;
    private final Consumer<ConsumeQueue> beforeCreate;
    private final ServiceThread thread = new ServiceThread();
    private volatile boolean running;

    private record Request(ConsumeQueue queue, long startEntry, CompletableFuture<MappedFile> result) {
    }

    /**
     * @param onCreated    told (on the creator's thread) after each request completed, created or failed
     * @param beforeCreate called on the creator's thread before each creation (tests hold creations here)
     */
    public QueueFileCreator(Consumer<ConsumeQueue> onCreated, Consumer<ConsumeQueue> beforeCreate) {
        this.onCreated = onCreated;
        this.beforeCreate = beforeCreate;
    }

    public void start(String threadName) {
        running = true;
        thread.start(threadName, this);
    }

    /** Asks for {@code queue}'s file starting at entry {@code startEntry}. Any thread. */
    CompletableFuture<MappedFile> request(ConsumeQueue queue, long startEntry) {
        CompletableFuture<MappedFile> result = new CompletableFuture<>();
        requests.add(new Request(queue, startEntry, result));
        thread.wake();
        return result;
    }

    @Override
    public void run() {
        while (true) {
            Request request = requests.poll();
            if (request == null) {
                if (!running) {
                    return;
                }
                LockSupport.parkNanos(this, IDLE_NANOS);
                continue;
            }
            try {
                beforeCreate.accept(request.queue());
                request.result().complete(request.queue().createFirstFile(request.startEntry()));
            } catch (RuntimeException e) {
                request.result().completeExceptionally(e);
            }
            onCreated.accept(request.queue());
        }
    }

    /** Creates what was requested so far, then stops the thread. */
    public void stop() {
        running = false;
        thread.stopAndJoin();
    }
}
