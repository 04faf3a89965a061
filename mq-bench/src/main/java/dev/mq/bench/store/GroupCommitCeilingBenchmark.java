package dev.mq.bench.store;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The least a group commit can cost on this machine, with no store logic: producer threads each
 * hand one 1,100-byte record to a single committer thread and wait for its future; the committer
 * takes everything queued, writes it with one positional write into a laid-out file, calls
 * fdatasync and completes the futures. It waits for work as the store's threads do (spin, yield,
 * park). Its figures for 1, 16 and 64 producers bound {@code AppendBenchmark}'s SYNC, window 1
 * figures from above: what is left between them is the store's own cost; what is left between
 * this and {@link DiskLimitsBenchmark#syncedWrites} is the cost of parking and waking the
 * producers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class GroupCommitCeilingBenchmark {

    private static final int RECORD = 1100;
    private static final long FILE_SIZE = 256L << 20;

    @State(Scope.Benchmark)
    public static class Committer implements Runnable {
        final ConcurrentLinkedQueue<CompletableFuture<Void>> queue = new ConcurrentLinkedQueue<>();
        final byte[] record = new byte[RECORD];
        volatile boolean parked;
        volatile boolean running;
        volatile Throwable failure;
        Thread thread;
        Path dir;
        FileChannel channel;
        ByteBuffer buffer;
        long position;
        long forces;
        long committed;

        @Setup(Level.Iteration)
        public void start() throws IOException {
            dir = BenchStores.newDirectory();
            Files.createDirectories(dir);
            channel = BenchStores.laidOutFile(dir.resolve("log"), FILE_SIZE);
            ThreadLocalRandom.current().nextBytes(record);
            buffer = ByteBuffer.allocateDirect(RECORD * 1024);
            position = 0;
            forces = 0;
            committed = 0;
            running = true;
            thread = new Thread(this, "group-committer");
            thread.start();
        }

        void submit(CompletableFuture<Void> request) {
            queue.offer(request);
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            int idle = 0;
            try {
                while (running || !queue.isEmpty()) {
                    CompletableFuture<Void> request;
                    while (batch.size() < 1024 && (request = queue.poll()) != null) {
                        batch.add(request);
                    }
                    if (batch.isEmpty()) {
                        idle = waitForWork(idle);
                        continue;
                    }
                    idle = 0;
                    commit(batch);
                    batch.clear();
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
                batch.forEach(f -> f.completeExceptionally(e));
                queue.forEach(f -> f.completeExceptionally(e));
            }
        }

        private int waitForWork(int idle) {
            if (idle < 200) {
                Thread.onSpinWait();
            } else if (idle < 208) {
                Thread.yield();
            } else {
                parked = true;
                if (queue.isEmpty() && running) {
                    LockSupport.parkNanos(this, 1_000_000L);
                }
                parked = false;
                return idle;
            }
            return idle + 1;
        }

        private void commit(List<CompletableFuture<Void>> batch) throws IOException {
            buffer.clear();
            for (int i = 0; i < batch.size(); i++) {
                buffer.put(record);
            }
            buffer.flip();
            if (position + buffer.remaining() > FILE_SIZE) {
                position = 0;
            }
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(false);
            forces++;
            committed += batch.size();
            for (CompletableFuture<Void> future : batch) {
                future.complete(null);
            }
        }

        @TearDown(Level.Iteration)
        public void stop() throws Exception {
            running = false;
            LockSupport.unpark(thread);
            thread.join();
            channel.close();
            BenchStores.delete(dir);
            System.out.printf("%n  %,d records in %,d fdatasyncs (%.1f per fdatasync)%n",
                    committed, forces, forces == 0 ? 0.0 : (double) committed / forces);
            if (failure != null) {
                throw new UncheckedIOException(new IOException("the committer failed", failure));
            }
        }
    }

    private static void commitOne(Committer committer) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        committer.submit(future);
        future.join();
    }

    @Benchmark
    @Threads(1)
    public void producers01(Committer committer) {
        commitOne(committer);
    }

    @Benchmark
    @Threads(16)
    public void producers16(Committer committer) {
        commitOne(committer);
    }

    @Benchmark
    @Threads(64)
    public void producers64(Committer committer) {
        commitOne(committer);
    }
}
