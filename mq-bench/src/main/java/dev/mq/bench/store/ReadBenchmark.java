package dev.mq.bench.store;

import dev.mq.message.record.AppendMessage;
import dev.mq.store.AppendStatus;
import dev.mq.store.FlushMode;
import dev.mq.store.GetMessageResult;
import dev.mq.store.GetMessageStatus;
import dev.mq.store.MessageStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sequential reads of 1 KiB records from page cache through {@link MessageStore#getMessages},
 * 32 records per call as a push consumer pulls them. Each returned record's header is touched;
 * the bodies are handed on as slices, as a pull response does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ReadBenchmark {

    static final int RECORDS = 1_000_000;
    static final int BATCH = 32;

    Path dir;
    MessageStore store;
    long offset;

    @Setup(Level.Trial)
    public void fill() {
        dir = BenchStores.newDirectory();
        store = BenchStores.open(dir, FlushMode.ASYNC);
        byte[] body = new byte[1024];
        ThreadLocalRandom.current().nextBytes(body);
        AppendMessage message = BenchStores.message("ReadTopic", 0, body);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            pending.add(store.append(message).thenAccept(r -> {
                if (r.status() != AppendStatus.OK) {
                    throw new IllegalStateException(r.status() + " " + r.detail());
                }
            }));
            if (pending.size() == 4096) {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
                pending.clear();
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        while (store.maxOffset("ReadTopic", 0) < RECORDS) {
            Thread.onSpinWait();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
        BenchStores.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void read32(Blackhole blackhole) {
        if (offset + BATCH > RECORDS) {
            offset = 0;
        }
        try (GetMessageResult result = store.getMessages("ReadTopic", 0, offset, BATCH, 1 << 20, null)) {
            if (result.status() != GetMessageStatus.FOUND || result.messageCount() != BATCH) {
                throw new IllegalStateException("read " + result.status() + " " + result.messageCount());
            }
            for (ByteBuffer record : result.messages()) {
                blackhole.consume(record.getInt(0));
            }
            offset = result.nextBeginOffset();
        }
    }
}
