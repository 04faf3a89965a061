package dev.mq.compat;

import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Topics created through the official admin API while the server process is killed with SIGKILL:
 * every create the broker answered is there after a restart. Creates run 16 at a time, so the
 * broker writes them in group commits (topics.json plus its journal), and the kill lands in the
 * middle of that.
 */
@Timeout(300)
class TopicCreateSigkillCompatTest {

    @TempDir
    Path dir;

    @Test
    void everyTopicWhoseCreateWasAnsweredSurvivesSigkill() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        int killAfter = 300 + new Random(seed).nextInt(1500);
        ServerProcess server = new ServerProcess(dir.resolve("server")).start();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        DefaultMQAdminExt admin = admin(server);
        List<Thread> creators = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        try {
            for (int t = 0; t < 16; t++) {
                Thread creator = new Thread(() -> {
                    while (true) {
                        String topic = "Sigkill" + next.getAndIncrement();
                        try {
                            admin.createAndUpdateTopicConfig(server.brokerAddr(), new TopicConfig(topic, 4, 4, 6));
                        } catch (Exception e) {
                            return; // the server is gone
                        }
                        answered.add(topic);
                    }
                });
                creators.add(creator);
                creator.start();
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> answered.size() >= killAfter);
            server.kill();
            for (Thread creator : creators) {
                creator.join(60_000);
            }
        } finally {
            admin.shutdown();
        }
        Set<String> expected = new HashSet<>(answered);

        ServerProcess restarted = server.successor().start();
        DefaultMQAdminExt reader = admin(restarted);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    reader.fetchAllTopicList().getTopicList()).as("topics after the restart (seed %d, %d answered)",
                    seed, expected.size()).containsAll(expected));
        } finally {
            reader.shutdown();
            restarted.stop();
        }
    }

    private static DefaultMQAdminExt admin(ServerProcess server) throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(server.namesrvAddr());
        admin.setInstanceName(Clients.unique("admin"));
        admin.start();
        return admin;
    }
}
