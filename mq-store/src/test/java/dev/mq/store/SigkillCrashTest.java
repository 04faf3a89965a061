package dev.mq.store;

import dev.mq.message.record.RecordView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a producing store with SIGKILL at random moments and checks that every append it
 * acknowledged (SYNC flush) is present and intact afterwards, and that nothing unreadable follows.
 */
@Timeout(300)
class SigkillCrashTest {

    private record Ack(String topic, int queueId, long queueOffset, long commitLogOffset) {
    }

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesSigkillAtRandomMoments() throws Exception {
        killRepeatedly(4, 3000, false);
    }

    /** Half the messages are the first of a new queue, whose entries wait in memory for its file. */
    @Test
    void everyAcknowledgedFirstMessageOfANewQueueSurvivesSigkillAtRandomMoments() throws Exception {
        killRepeatedly(3, 1500, true);
    }

    private void killRepeatedly(int rounds, int maxAcksPerRound, boolean newQueues) throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, Ack> acknowledged = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            int killAfterAcks = 200 + random.nextInt(maxAcksPerRound);
            int acksThisRound = runAndKill("r" + round + "s" + seed, killAfterAcks, acknowledged, newQueues);
            assertThat(acksThisRound).as("round %d (seed %d) produced acknowledgements", round, seed)
                    .isGreaterThan(0);
            verify(acknowledged, seed, round);
        }
    }

    private int runAndKill(String roundId, int killAfterAcks, Map<String, Ack> acknowledged, boolean newQueues)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashTestProducer.class.getName(), dir.toString(), roundId, newQueues ? "new-queues" : "one-topic");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = builder.start();
        CountDownLatch enough = new CountDownLatch(1);
        int[] count = {0};
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] parts = line.split(" ");
                    if (parts.length == 6 && parts[0].equals("ACK")) {
                        synchronized (acknowledged) {
                            acknowledged.put(parts[1], new Ack(parts[5], Integer.parseInt(parts[2]),
                                    Long.parseLong(parts[3]), Long.parseLong(parts[4])));
                            if (++count[0] >= killAfterAcks) {
                                enough.countDown();
                            }
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe closes when the child dies; whole lines read so far are kept
            } finally {
                enough.countDown();
            }
        });
        reader.start();
        enough.await(120, TimeUnit.SECONDS);
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(30));
        synchronized (acknowledged) {
            return count[0];
        }
    }

    private void verify(Map<String, Ack> acknowledged, long seed, int round) {
        try (MessageStore store = MessageStore.open(CrashTestProducer.config(dir))) {
            assertThat(store.recoveredFromCrash()).isTrue();
            for (Map.Entry<String, Ack> entry : acknowledged.entrySet()) {
                String id = entry.getKey();
                Ack ack = entry.getValue();
                try (StoredMessages stored = store.readAt(ack.commitLogOffset())) {
                    assertThat(stored.size()).as("message %s (seed %d, round %d)", id, seed, round).isEqualTo(1);
                    RecordView view = new RecordView().wrap(stored.messages().get(0), 0);
                    assertThat(view.check(stored.messages().get(0), 0, view.totalSize(), true))
                            .isEqualTo(RecordView.Check.VALID);
                    assertThat(new String(view.body(), StandardCharsets.UTF_8)).isEqualTo(CrashTestProducer.body(id));
                    assertThat(view.queueId()).isEqualTo(ack.queueId());
                    assertThat(view.queueOffset()).isEqualTo(ack.queueOffset());
                }
                try (GetMessageResult viaQueue = store.getMessages(ack.topic(), ack.queueId(), ack.queueOffset(), 1,
                        1 << 20, null)) {
                    assertThat(viaQueue.status()).as("queue entry of %s", id).isEqualTo(GetMessageStatus.FOUND);
                    assertThat(TestStores.bodies(viaQueue)).containsExactly(CrashTestProducer.body(id));
                }
            }
            CorruptionRecoveryTest.assertEveryRecordValid(store);
            assertThat(store.append(TestStores.message("CRASH", 0, "after-" + round)).join().status())
                    .isEqualTo(AppendStatus.OK);
        }
    }

    static {
        // Fail early with a clear message where the test cannot fork a JVM.
        assertThat(new File(System.getProperty("java.home"), "bin/java")).exists();
    }
}
