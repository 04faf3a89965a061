package dev.mq.bench.store;

import dev.mq.message.record.AppendMessage;
import dev.mq.store.AppendResult;
import dev.mq.store.AppendStatus;
import dev.mq.store.FlushMode;
import dev.mq.store.GetMessageResult;
import dev.mq.store.GetMessageStatus;
import dev.mq.store.MessageStore;
import dev.mq.store.StoreConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The store with many queues (issue 21), as a plain command rather than JMH: the figures are
 * one-off latencies and a restart, not a steady rate.
 *
 * <ul>
 *   <li>{@code new-queues N [rate]}: one message into each of N new queues (topics of one queue),
 *       {@code rate} per second (1000), with a message to one existing queue between any two;
 *       prints time from append to consumable (the dispatch listener's call) p50/p99/max for the
 *       new queues and for the existing one, after a warm-up of 20,000 messages to another queue
 *       and 10,000 new queues at the same rate ({@code -Dmq.bench.warmupNewQueues}; without it, the
 *       JIT compiling the new-queue path held up the first quarter second of the run by up to
 *       90 ms), and how long the JIT compiled during the measured part.</li>
 *   <li>{@code restart Q}: Q queues (topics of 4 queues) get one message each, in rounds of at
 *       most 40,000 queues per open store (each opened queue file holds a mapping:
 *       {@code vm.max_map_count} is 65,530 by default); then a graceful close and a timed open.
 *       Prints open time, the consume-queue bytes the open read (the store's counter) and the
 *       process's resident memory before the close and after the open; then the time to read one
 *       message from each of the first 40,000 queues and the resident memory after that.</li>
 *   <li>{@code restart-crash Q [C]}: the same queues, then a child JVM opens the store, waits for
 *       one checkpoint (which records every queue's ends), writes one more message into each of C
 *       queues (100) and is killed with SIGKILL; then the timed open, which recovers from the
 *       crash, printed as for {@code restart}, and the reads, which also check the C queues.</li>
 * </ul>
 * The data directory is {@code -Dmq.bench.dir} (or the temp dir) and is deleted afterwards, unless
 * {@code -Dmq.bench.keep=true} (its path is printed then): on ext4 without a journal (the dev VM's
 * disk), creating a file skips every inode deleted in the last one to six minutes and reads its
 * inode-table block to find that out, so a run started right after the previous run's thousands
 * of files were deleted spent about 1 ms of CPU per new file and held up the dispatcher on two
 * cores. Keep the data of back-to-back runs and delete it after the last.
 * {@code -Dmq.bench.beforeOpen} is a shell command run before the timed open of {@code restart}.
 */
public final class ManyQueuesCommand {

    public static final String NAME = "store-many-queues";
    /** The hidden sub-command the {@code restart-crash} child runs. */
    private static final String CRASH_CHILD = "crash-child";
    /** Queues filled (and read back) per open store: each opened queue file holds a mapping (vm.max_map_count). */
    private static final int QUEUES_PER_ROUND = 40_000;
    private static final int WARM_UP_MESSAGES = 20_000;
    /**
     * New queues of the warm-up, {@code -Dmq.bench.warmupNewQueues} (10,000): with 2,000 the JIT still
     * compiled for 0.5-0.7 s during the measured part, on a core the dispatcher then waited for.
     */
    private static final int WARM_UP_NEW_QUEUES = Integer.getInteger("mq.bench.warmupNewQueues", 10_000);

    private ManyQueuesCommand() {
    }

    /** Runs the command without {@code BenchMain}, e.g. from the store's classes alone. */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 4 && args[0].equals(CRASH_CHILD)) {
            crashChild(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), out);
            return 0;
        }
        if (args.length < 2 || !(args[0].equals("new-queues") || args[0].equals("restart")
                || args[0].equals("restart-crash"))) {
            err.println("usage: " + NAME + " new-queues N [rate] | restart Q | restart-crash Q [C]");
            return 2;
        }
        Path dir = BenchStores.newDirectory();
        try {
            if (args[0].equals("new-queues")) {
                newQueues(dir, Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1000, out);
            } else if (args[0].equals("restart")) {
                restart(dir, Integer.parseInt(args[1]), out);
            } else {
                restartAfterCrash(dir, Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 100,
                        out);
            }
        } catch (RuntimeException | Error e) {
            try {
                BenchStores.delete(dir);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        if (Boolean.getBoolean("mq.bench.keep")) {
            out.println("data kept in " + dir);
        } else {
            BenchStores.delete(dir);
        }
        return 0;
    }

    private static MessageStore open(Path dir) {
        return MessageStore.open(StoreConfig.builder(dir).flushMode(FlushMode.ASYNC).build());
    }

    private static void newQueues(Path dir, int count, int rate, PrintStream out) {
        ConcurrentMap<String, Long> consumable = new ConcurrentHashMap<>();
        long[] existingGrown = new long[count + 2];
        try (MessageStore store = open(dir)) {
            store.addDispatchListener((topic, queueId, maxOffset) -> {
                long now = System.nanoTime();
                if (topic.equals("Existing")) {
                    for (int k = (int) maxOffset; k > 0 && existingGrown[k - 1] == 0; k--) {
                        existingGrown[k - 1] = now;
                    }
                } else if (topic.startsWith("NewQueue-")) {
                    consumable.putIfAbsent(topic, now);
                }
            });
            byte[] body = new byte[128];
            // warm-up: the JIT, and the index file's first pages (its first write faults read around)
            List<CompletableFuture<AppendResult>> warmUp = new ArrayList<>();
            for (int i = 0; i < WARM_UP_MESSAGES; i++) {
                warmUp.add(store.append(BenchStores.message("WarmUp", 0, body)));
            }
            warmUp.forEach(f -> expectOk(f.join()));
            warmUp.clear();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long due = System.nanoTime();
            for (int i = 0; i < WARM_UP_NEW_QUEUES; i++) {
                waitUntil(due);
                due += interval;
                warmUp.add(store.append(BenchStores.message("WarmUpNewQueue-" + i, 0, body)));
                warmUp.add(store.append(BenchStores.message("WarmUp", 0, body)));
            }
            warmUp.forEach(f -> expectOk(f.join()));
            expectOk(store.append(BenchStores.message("Existing", 0, body)).join());
            long compilingBefore = compilationMillis();
            long[] sentNew = new long[count];
            long[] sentOld = new long[count];
            long next = System.nanoTime();
            List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                waitUntil(next);
                next += interval;
                sentNew[i] = System.nanoTime();
                pending.add(store.append(BenchStores.message("NewQueue-" + i, 0, body)));
                sentOld[i] = System.nanoTime();
                pending.add(store.append(BenchStores.message("Existing", 0, body)));
            }
            pending.forEach(f -> expectOk(f.join()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((consumable.size() < count || store.maxOffset("Existing", 0) < count + 1)
                    && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            long[] newLatency = new long[count];
            long[] oldLatency = new long[count];
            for (int i = 0; i < count; i++) {
                newLatency[i] = latency(consumable.get("NewQueue-" + i), "NewQueue-" + i, sentNew[i]);
                oldLatency[i] = latency(existingGrown[i + 1], "Existing offset " + (i + 1), sentOld[i]);
            }
            out.printf("new-queues %d at %d/s: new queue append->consumable %s; existing queue %s;"
                    + " JIT compiling during the run %d ms%n", count, rate, percentiles(newLatency),
                    percentiles(oldLatency), compilationMillis() - compilingBefore);
            out.printf("new-queues slowest new queues (ms after the JVM started: latency ms): %s%n",
                    slowest(newLatency, sentNew));
        }
    }

    /**
     * The three slowest latencies with the JVM uptime at which their append was made, to match
     * against {@code -Xlog:gc,safepoint} or a profiler's timeline.
     */
    private static String slowest(long[] latency, long[] sentAt) {
        long nowNanos = System.nanoTime();
        long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        return IntStream.range(0, latency.length).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> latency[i]).reversed())
                .limit(3)
                .map(i -> String.format("%d: %.2f", uptimeMillis - (nowNanos - sentAt[i]) / 1_000_000,
                        latency[i] / 1e6))
                .collect(Collectors.joining(", "));
    }

    /** The JIT compilers' accumulated time (the JVM's estimate), or 0 where it is not reported. */
    private static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Parks until {@code System.nanoTime()} reaches {@code due}: the pacing of the appends. */
    private static void waitUntil(long due) {
        while (System.nanoTime() < due) {
            LockSupport.parkNanos(Math.max(1, due - System.nanoTime()));
        }
    }

    private static long latency(Long at, String key, long sent) {
        if (at == null || at == 0) {
            throw new IllegalStateException(key + " never became consumable");
        }
        return at - sent;
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static void restart(Path dir, int queues, PrintStream out) {
        long emptyOpen = timedOpenClose(dir);
        long rssBefore = fill(dir, queues);
        long fileBefore = residentKiB("RssFile:");
        runBeforeOpen(dir);
        timedOpenAndReads(dir, queues, 0, "restart", emptyOpen, rssBefore, fileBefore, out);
    }

    /**
     * One message into each of {@code queues} queues, in rounds of at most {@link #QUEUES_PER_ROUND}
     * per open store, each closed gracefully. Returns the resident memory before the last close.
     */
    private static long fill(Path dir, int queues) {
        byte[] body = new byte[128];
        long rssBefore = 0;
        for (int from = 0; from < queues; from += QUEUES_PER_ROUND) {
            try (MessageStore store = open(dir)) {
                List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
                for (int q = from; q < Math.min(queues, from + QUEUES_PER_ROUND); q++) {
                    pending.add(store.append(BenchStores.message("Topic-" + q / 4, q % 4, body)));
                    if (pending.size() >= 1024) {
                        pending.forEach(f -> expectOk(f.join()));
                        pending.clear();
                    }
                }
                pending.forEach(f -> expectOk(f.join()));
                while (store.dispatchedOffset() < store.commitLogMaxOffset()) {
                    LockSupport.parkNanos(1_000_000);
                }
                rssBefore = residentKiB("VmRSS:");
            }
        }
        return rssBefore;
    }

    /**
     * Fills the queues, lets a child JVM change {@code changed} of them after a checkpoint and kills
     * it with SIGKILL, then times the open that recovers from that crash.
     */
    private static void restartAfterCrash(Path dir, int queues, int changed, PrintStream out) throws IOException {
        long emptyOpen = timedOpenClose(dir);
        long rssBefore = fill(dir, queues);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ManyQueuesCommand.class.getName(), CRASH_CHILD, dir.toString(), String.valueOf(queues),
                String.valueOf(changed)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals("READY")) {
                out.println("child: " + line);
            }
            if (line == null) {
                throw new IllegalStateException("the crash child ended before it was ready");
            }
            child.destroyForcibly(); // SIGKILL on Linux
            child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for the crash child", e);
        }
        long fileBefore = residentKiB("RssFile:");
        runBeforeOpen(dir);
        timedOpenAndReads(dir, queues, changed, "restart after SIGKILL", emptyOpen, rssBefore, fileBefore, out);
    }

    /**
     * The child of {@code restart-crash}: opens the store with a 5 s checkpoint interval, waits for
     * the first checkpoint, writes a second message into {@code changed} queues spread over all,
     * says READY and waits to be killed.
     */
    private static void crashChild(Path dir, int queues, int changed, PrintStream out) throws InterruptedException {
        MessageStore store = MessageStore.open(StoreConfig.builder(dir).flushMode(FlushMode.ASYNC)
                .consumeQueueFlushInterval(Duration.ofSeconds(5)).build());
        TimeUnit.MILLISECONDS.sleep(6_000);
        byte[] body = new byte[128];
        for (int i = 0; i < changed; i++) {
            int q = changedQueue(i, queues, changed);
            expectOk(store.append(BenchStores.message("Topic-" + q / 4, q % 4, body)).join());
        }
        while (store.dispatchedOffset() < store.commitLogMaxOffset()) {
            LockSupport.parkNanos(1_000_000);
        }
        out.println("READY");
        out.flush();
        TimeUnit.MINUTES.sleep(10);
        throw new IllegalStateException("the crash child was not killed");
    }

    /** The {@code i}-th of {@code changed} queues spread evenly over {@code queues}. */
    private static int changedQueue(int i, int queues, int changed) {
        return (int) ((long) i * queues / changed);
    }

    private static void timedOpenAndReads(Path dir, int queues, int changed, String what, long emptyOpen,
                                          long rssBefore, long fileBefore, PrintStream out) {
        long started = System.nanoTime();
        try (MessageStore store = open(dir)) {
            long openNanos = System.nanoTime() - started;
            long rssAfter = residentKiB("VmRSS:");
            long fileAfter = residentKiB("RssFile:");
            out.printf("%s with %d queues holding data (%d changed since the checkpoint, crash recovery %s):"
                            + " open %.0f ms (empty dir %.0f ms), consume-queue bytes read %s,"
                            + " RSS before close %d MiB, after open %d MiB (file pages %d -> %d MiB)%n",
                    what, queues, changed, store.recoveredFromCrash(), openNanos / 1e6, emptyOpen / 1e6,
                    bytesRead(store), rssBefore / 1024, rssAfter / 1024, fileBefore / 1024, fileAfter / 1024);
            for (int i = 0; i < changed; i++) {
                int q = changedQueue(i, queues, changed);
                if (store.maxOffset("Topic-" + q / 4, q % 4) != 2) {
                    throw new IllegalStateException("Topic-" + q / 4 + "/" + q % 4 + " lost its second message");
                }
            }
            long readStarted = System.nanoTime();
            int reads = Math.min(queues, QUEUES_PER_ROUND);
            for (int q = 0; q < reads; q++) {
                try (GetMessageResult result = store.getMessages("Topic-" + q / 4, q % 4, 0, 1, 1 << 20, null)) {
                    if (result.status() != GetMessageStatus.FOUND) {
                        throw new IllegalStateException("Topic-" + q / 4 + "/" + q % 4 + ": " + result.status());
                    }
                }
            }
            out.printf("then one read from each of %d queues: %.0f ms, RSS %d MiB (file pages %d MiB)%n", reads,
                    (System.nanoTime() - readStarted) / 1e6, residentKiB("VmRSS:") / 1024, residentKiB("RssFile:") / 1024);
        }
    }

    /**
     * Runs {@code -Dmq.bench.beforeOpen} (a shell command; {@code MQ_BENCH_DIR} names the data
     * directory) before the timed open, e.g. to drop the queue files from the page cache.
     */
    private static void runBeforeOpen(Path dir) {
        String command = System.getProperty("mq.bench.beforeOpen");
        if (command == null) {
            return;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).inheritIO();
            builder.environment().put("MQ_BENCH_DIR", dir.toString());
            int status = builder.start().waitFor();
            if (status != 0) {
                throw new IllegalStateException("mq.bench.beforeOpen exited with " + status + ": " + command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running mq.bench.beforeOpen", e);
        }
    }

    private static String bytesRead(MessageStore store) {
        return String.valueOf(store.queueEndBytesRead());
    }

    private static long timedOpenClose(Path dir) {
        long started = System.nanoTime();
        MessageStore store = open(dir);
        long took = System.nanoTime() - started;
        store.close();
        return took;
    }

    private static long residentKiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expectOk(AppendResult result) {
        if (result.status() != AppendStatus.OK) {
            throw new IllegalStateException("append failed: " + result.status() + " " + result.detail());
        }
    }
}
