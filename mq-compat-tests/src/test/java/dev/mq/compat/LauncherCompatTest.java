package dev.mq.compat;

import dev.mq.compat.Clients.Received;
import com.sun.management.HotSpotDiagnosticMXBean;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
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
        List<String> jvm = first.jvmCommandLine();
        assertThat(jvm).as("JVM options of the launched server").contains("-Xmx256m");
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            assertThat(jvm).as("serial collector, small young generation by default on up to 2 CPUs")
                    .contains("-XX:+UseSerialGC", "-Xmn64m");
        } else {
            assertThat(jvm).as("the JVM's own collector choice on more than 2 CPUs").noneMatch(LauncherCompatTest::namesCollector);
        }
        assertThat(jvm.contains("-XX:TrimNativeHeapInterval=1000"))
                .as("native heap trimming exactly when this JVM has the option").isEqualTo(jvmHasOption("TrimNativeHeapInterval"));

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

    @Test
    void aCollectorNamedInJavaOptsReplacesTheDefaultOne() throws Exception {
        ServerProcess server = resources.start(ServerProcess.viaLauncherWithJavaOpts(
                dir.resolve("data"), dir.resolve("launch"), "-Xmx256m -XX:+UseG1GC"));
        List<String> jvm = server.jvmCommandLine();
        assertThat(jvm).contains("-XX:+UseG1GC");
        assertThat(jvm.stream().filter(LauncherCompatTest::namesCollector)).as("only the collector asked for")
                .containsExactly("-XX:+UseG1GC");
        assertThat(jvm).as("no young size for another collector").doesNotContain("-Xmn64m");

        Clients clients = resources.clients(server);
        assertThat(clients.producer().send(message(unique("G1"), "T", "sent")).getSendStatus())
                .isEqualTo(SendStatus.SEND_OK);
    }

    private static boolean namesCollector(String jvmOption) {
        return jvmOption.matches("-XX:\\+Use[A-Za-z0-9]+GC");
    }

    private static boolean jvmHasOption(String name) {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
