package dev.mq.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link SigkillCrashTest}: appends with SYNC flush from several threads
 * until it is killed, printing one line per acknowledged append:
 * {@code ACK <id> <queueId> <queueOffset> <commitLogOffset> <topic>}. The body of message {@code id}
 * is {@link #body(String)} of it, so the parent can check it byte for byte. With a third argument
 * {@code new-queues}, every other message is the first of a new topic, so that a kill finds new
 * queues whose entries still wait in memory for their first file.
 */
public final class CrashTestProducer {

    private CrashTestProducer() {
    }

    static StoreConfig config(Path dir) {
        return TestStores.small(dir).flushMode(FlushMode.SYNC)
                .consumeQueueFlushInterval(Duration.ofMillis(30)).build();
    }

    /** Deterministic body of a message id, 20..1500 bytes. */
    static String body(String id) {
        int length = 20 + Math.floorMod(id.hashCode(), 1480);
        StringBuilder sb = new StringBuilder(length).append(id).append('|');
        while (sb.length() < length) {
            sb.append((char) ('a' + Math.floorMod(sb.length() * 31 + id.hashCode(), 26)));
        }
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String round = args[1];
        boolean newQueues = args.length > 2 && args[2].equals("new-queues");
        int threads = 4;
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        MessageStore store = MessageStore.open(config(dir));
        out.println("READY");
        out.flush();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int queueId = t;
            Thread worker = new Thread(() -> {
                for (long i = 0; ; i++) {
                    String id = round + "-" + queueId + "-" + i;
                    String topic = newQueues && i % 2 == 1 ? "N" + id : "CRASH";
                    AppendResult result = store.append(TestStores.message(topic, queueId, body(id))).join();
                    if (result.status() == AppendStatus.OK) {
                        synchronized (out) {
                            out.println("ACK " + id + " " + queueId + " " + result.queueOffset() + " "
                                    + result.commitLogOffset() + " " + topic);
                            out.flush();
                        }
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }
}
