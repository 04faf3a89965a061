package dev.mq.bench.store;

import dev.mq.message.record.AppendMessage;
import dev.mq.store.AppendResult;
import dev.mq.store.AppendStatus;
import dev.mq.store.FlushMode;
import dev.mq.store.MessageStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Appends of 1 KiB records through {@link MessageStore#append}, with 1, 16 and 64 producer
 * threads, ASYNC and SYNC flush.
 *
 * <p>{@code window} is how many appends one producer keeps in flight: 1 means each producer
 * waits for every append before the next (a synchronous sender; with SYNC flush this is what
 * group commit must batch across producers); larger windows model asynchronous senders.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AppendBenchmark {

    @State(Scope.Benchmark)
    public static class StoreState {
        @Param({"ASYNC", "SYNC"})
        public FlushMode flush;

        /** Commit-log segment size; smaller than the 1 GiB default to measure across laid-out segments in a short run. */
        @Param({"1024"})
        public int segmentMiB;

        /**
         * Whether segments are laid out ahead of the writer: {@code default} is the store's own
         * choice (with SYNC flush only), {@code true} or {@code false} force it.
         */
        @Param({"default"})
        public String preallocate;

        Path dir;
        MessageStore store;

        /**
         * Whether to fill the first segment before measuring, so the run measures the steady state
         * (later segments, laid out ahead when preallocating) and not the fresh store's
         * first segment, which is always created sparse.
         */
        @Param({"true"})
        public boolean steady;

        @Setup(Level.Trial)
        public void open() throws InterruptedException {
            dir = BenchStores.newDirectory();
            store = BenchStores.open(dir, flush, segmentMiB,
                    "default".equals(preallocate) ? null : Boolean.valueOf(preallocate));
            if (steady) {
                BenchStores.fillFirstSegment(store, segmentMiB << 20);
                Thread.sleep(3000); // lets the preparer lay out the segment after the next
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
            BenchStores.delete(dir);
        }
    }

    @State(Scope.Thread)
    public static class Producer {
        @Param({"1", "256"})
        public int window;

        AppendMessage message;
        CompletableFuture<?>[] inFlight;
        int next;

        @Setup(Level.Trial)
        public void prepare() {
            byte[] body = new byte[1024];
            ThreadLocalRandom.current().nextBytes(body);
            int queueId = ThreadLocalRandom.current().nextInt(8);
            message = BenchStores.message("BenchTopic", queueId, body);
            inFlight = new CompletableFuture<?>[window];
        }

        void append(MessageStore store) {
            CompletableFuture<AppendResult> future = store.append(message);
            if (window == 1) {
                check(future.join());
                return;
            }
            CompletableFuture<?> oldest = inFlight[next];
            if (oldest != null) {
                check((AppendResult) oldest.join());
            }
            inFlight[next] = future;
            next = (next + 1) % window;
        }

        @TearDown(Level.Iteration)
        public void drain() {
            for (int i = 0; i < inFlight.length; i++) {
                if (inFlight[i] != null) {
                    check((AppendResult) inFlight[i].join());
                    inFlight[i] = null;
                }
            }
        }

        private static void check(AppendResult result) {
            if (result.status() != AppendStatus.OK) {
                throw new IllegalStateException("append failed: " + result.status() + " " + result.detail());
            }
        }
    }

    @Benchmark
    @Threads(1)
    public void producers01(StoreState state, Producer producer) {
        producer.append(state.store);
    }

    @Benchmark
    @Threads(16)
    public void producers16(StoreState state, Producer producer) {
        producer.append(state.store);
    }

    @Benchmark
    @Threads(64)
    public void producers64(StoreState state, Producer producer) {
        producer.append(state.store);
    }
}
