package dev.mq.apache.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Starts that must fail, and must leave no process behind when they do. */
class ApacheRocketMqStartFailureTest {

    @Test
    void aBrokerThatExitsOnItsConfigurationFailsTheStartWithItsExitCodeAndLogTail() {
        Path workDir = WorkDirs.fresh("bad-config");
        ApacheRocketMq.Builder builder = ApacheRocketMq.builder(workDir)
                .clusterName("FailCluster").brokerName("broker-f").autoCreateTopicEnable(false)
                // a slave must have a brokerId above 0: BrokerStartup prints that and exits with -3
                .brokerProperty("brokerRole", "SLAVE");

        assertThatThrownBy(builder::start)
                .isInstanceOf(ApacheStartException.class)
                .hasMessageContaining("broker broker-f exited with code 253 during start")
                .hasMessageContaining("Slave's brokerId must be > 0")
                .hasMessageContaining(workDir.resolve("broker-f").resolve("console.log").toString())
                .asInstanceOf(type(ApacheStartException.class))
                .extracting(e -> e.exitCode().orElseThrow()).isEqualTo(253);

        // the name server had started; the failed start stopped it
        assertThat(WorkDirs.anyProcessUses(workDir)).as("a child JVM survived the failed start").isFalse();
        assertThat(workDir.resolve("namesrv").resolve("console.log")).content().contains("boot success");
        // and the broker was given the builder's settings on top of the harness' own
        assertThat(workDir.resolve("broker-f").resolve("broker.conf")).content()
                .contains("brokerClusterName=FailCluster\n", "brokerName=broker-f\n", "autoCreateTopicEnable=false\n",
                        "brokerRole=SLAVE\n", "brokerIP1=127.0.0.1\n", "namesrvAddr=127.0.0.1:",
                        "storePathRootDir=" + workDir.resolve("broker-f").resolve("store") + "\n",
                        "mappedFileSizeCommitLog=33554432\n");
    }

    @Test
    void aWorkDirectoryInUseIsRefusedBeforeAnythingStarts() throws IOException {
        Path workDir = WorkDirs.fresh("not-empty");
        Files.createDirectories(workDir.resolve("broker-a").resolve("store"));

        assertThatThrownBy(() -> ApacheRocketMq.start(workDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not empty");
        assertThat(workDir.resolve("namesrv")).doesNotExist();
    }

    @Test
    void propertiesTheHarnessSetsItselfAreRefused() {
        ApacheRocketMq.Builder builder = ApacheRocketMq.builder(WorkDirs.fresh("refused"));

        assertThatThrownBy(() -> builder.brokerProperty("listenPort", "10911"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listenPort is set by the harness");
        assertThatThrownBy(() -> builder.brokerProperty("brokerName", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Builder.brokerName");
        assertThatThrownBy(() -> builder.namesrvProperty("listenPort", "9876"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.brokerProperty("deleteWhen", "04\n05"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
        assertThatThrownBy(() -> builder.brokerName("broker a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.brokerProperty("deleteWhen", "04")).isSameAs(builder);
    }
}
