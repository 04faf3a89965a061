package dev.mq.compat;

import dev.mq.compat.Clients.Received;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.mq.compat.Clients.message;
import static dev.mq.compat.Clients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code mq-server/bin/mq-server}: the fast launcher (extracted jar and class archive) runs the same server. */
@Timeout(300)
class LauncherCompatTest {

    @TempDir
    Path dir;

    private final TestResources resources = new TestResources();

    @AfterEach
    void closeAll() throws Exception {
        resources.close();
    }

    @Test
    void theLauncherPreparesOnceThenServesMessagesAcrossRestarts() throws Exception {
        Path launchDir = dir.resolve("launch");
        ServerProcess first = resources.start(ServerProcess.viaLauncher(dir.resolve("data"), launchDir));
        assertThat(first.log()).contains("preparing " + launchDir);
        assertThat(launchDir.resolve("mq-server.jsa")).as("class archive recorded by the training run").exists();
        assertThat(Files.size(launchDir.resolve("mq-server.jsa"))).isGreaterThan(1_000_000L);

        String topic = unique("Launched");
        Clients clients = resources.clients(first);
        DefaultMQProducer producer = clients.producer();
        assertThat(producer.send(message(topic, "T", "before restart")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        clients.close();
        assertThat(first.stop()).as("exit code after SIGTERM (the launcher execs java)").isIn(0, 143);

        int preparedBefore = count(first.log(), "preparing ");
        ServerProcess second = resources.start(first.successor());
        assertThat(count(second.log(), "preparing ")).as("the second start reuses jar and archive")
                .isEqualTo(preparedBefore);
        Clients after = resources.clients(second);
        Received received = new Received();
        after.pushConsumer(unique("cg"), topic, received);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(List.of("before restart")));
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
