package dev.mq.server.broker.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a JVM that creates topics and groups with group-committed writes (SIGKILL, at a random
 * number of acknowledgements) and checks that every create it acknowledged is there after a
 * restart, over several rounds on the same directory (so later rounds also replay and compact
 * what a killed round left).
 */
@Timeout(300)
class TopicTableSigkillTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCreateSurvivesSigkill() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Set<String> topics = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            int killAfter = 500 + random.nextInt(4000);
            int acks = runAndKill("r" + round, killAfter, topics, groups);
            assertThat(acks).as("round %d (seed %d) acknowledged creates", round, seed).isGreaterThan(0);
            TopicTable table = new TopicTable(dir, Clock.systemUTC(), true, 8);
            SubscriptionGroups reopened = new SubscriptionGroups(dir);
            try {
                assertThat(table.all().keySet()).as("topics after round %d (seed %d)", round, seed)
                        .containsAll(topics);
                assertThat(reopened.all().keySet()).as("groups after round %d (seed %d)", round, seed)
                        .containsAll(groups);
            } finally {
                table.close();
                reopened.close();
            }
        }
    }

    private int runAndKill(String round, int killAfter, Set<String> topics, Set<String> groups) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                TopicTableCrashChild.class.getName(), dir.toString(), round)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CountDownLatch enough = new CountDownLatch(1);
        int[] count = {0};
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3 && parts[0].equals("ACK")) {
                        synchronized (topics) {
                            (parts[1].equals("T") ? topics : groups).add(parts[2]);
                            if (++count[0] >= killAfter) {
                                enough.countDown();
                            }
                        }
                    } else if (line.startsWith("FAILED")) {
                        throw new AssertionError(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe closes when the child dies; the whole lines read so far count
            } finally {
                enough.countDown();
            }
        });
        reader.start();
        enough.await(120, TimeUnit.SECONDS);
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(30));
        synchronized (topics) {
            return count[0];
        }
    }
}
