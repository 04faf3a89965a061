package dev.mq.bench.store;

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
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What this machine allows the store at best, with no store logic at all: the ceilings the append
 * figures of {@link AppendBenchmark} are judged against. Run it beside the store benchmarks, on
 * the same disk ({@code -Dmq.bench.dir}).
 *
 * <ul>
 *   <li>{@code syncedWrites}: one positional write of {@code chunk} bytes followed by fdatasync,
 *       back to back, into a file whose blocks exist ({@code laidOut=true}, as fio measures) or a
 *       sparse one ({@code laidOut=false}, as a fresh commit-log segment is). A group commit of N
 *       1 KiB records writes about N x 1,100 bytes per fdatasync, so {@code chunk} = 4096, 17600
 *       (16 records) and 70400 (64 records) give the ceiling for 1, 16 and 64 producers: ops/s x
 *       records per chunk.</li>
 *   <li>{@code bufferedAppend}: the ASYNC writer's pattern: 256 records of 1,100 bytes gathered
 *       into one positional write to fresh files of 1 GiB, no flush; ops/s x 256 is the ceiling in
 *       records per second for page-cache ingest of new files.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class DiskLimitsBenchmark {

    private static final int RECORD = 1100;
    private static final int RECORDS_PER_WRITE = 256;
    private static final long FILE_SIZE = 1L << 30;

    @State(Scope.Thread)
    public static class SyncedFile {
        @Param({"4096", "17600", "70400"})
        public int chunk;

        @Param({"true", "false"})
        public boolean laidOut;

        Path dir;
        FileChannel channel;
        ByteBuffer buffer;
        long position;
        long size;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = BenchStores.newDirectory();
            Files.createDirectories(dir);
            size = 256L << 20;
            if (laidOut) {
                channel = BenchStores.laidOutFile(dir.resolve("synced"), size);
            } else {
                channel = FileChannel.open(dir.resolve("synced"), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
                channel.write(ByteBuffer.wrap(new byte[1]), size - 1); // sparse, full length, as a new segment
            }
            buffer = ByteBuffer.allocateDirect(chunk);
            byte[] bytes = new byte[chunk];
            ThreadLocalRandom.current().nextBytes(bytes);
            buffer.put(bytes).flip();
            position = 0;
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            channel.close();
            BenchStores.delete(dir);
        }
    }

    @Benchmark
    public void syncedWrites(SyncedFile file) throws IOException {
        if (file.position + file.chunk > file.size) {
            file.position = 0;
        }
        file.buffer.rewind();
        file.channel.write(file.buffer, file.position);
        file.channel.force(false);
        file.position += file.chunk;
    }

    @State(Scope.Thread)
    public static class FreshFiles {
        Path dir;
        FileChannel channel;
        ByteBuffer buffer;
        long position;
        int files;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = BenchStores.newDirectory();
            Files.createDirectories(dir);
            buffer = ByteBuffer.allocateDirect(RECORD * RECORDS_PER_WRITE);
            byte[] bytes = new byte[buffer.capacity()];
            ThreadLocalRandom.current().nextBytes(bytes);
            buffer.put(bytes).flip();
            roll();
        }

        void roll() throws IOException {
            if (channel != null) {
                channel.close(); // kept, as the store keeps its segments until retention
            }
            channel = FileChannel.open(dir.resolve("segment-" + files++), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            position = 0;
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            channel.close();
            BenchStores.delete(dir);
        }
    }

    @Benchmark
    public void bufferedAppend(FreshFiles files) throws IOException {
        if (files.position + files.buffer.capacity() > FILE_SIZE) {
            files.roll();
        }
        files.buffer.rewind();
        files.channel.write(files.buffer, files.position);
        files.position += files.buffer.capacity();
    }
}
