package dev.mq.apache.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The child JVMs' classpath is Apache's own, and none of it is on ours (the test classpath is what
 * a consumer module sees, plus the official client this module's tests use).
 */
class ApacheClasspathTest {

    private static List<String> jarNames() {
        return ApacheClasspath.apacheJars().stream().map(Path::getFileName).map(Path::toString).toList();
    }

    @Test
    void listsApachesNameServerAndBroker() {
        assertThat(jarNames()).contains("rocketmq-namesrv-5.5.0.jar", "rocketmq-broker-5.5.0.jar",
                "rocketmq-store-5.5.0.jar", "rocketmq-remoting-5.5.0.jar");
    }

    @Test
    void hasApachesDependencyVersionsNotTheReactors() {
        // Apache 5.5.0 runs on Netty 4.1; our reactor (Spring Boot BOM, mq-protocol) uses Netty 4.2
        assertThat(jarNames()).contains("netty-all-4.1.130.Final.jar", "netty-handler-4.1.130.Final.jar",
                "grpc-core-1.53.0.jar", "caffeine-2.9.3.jar");
        assertThat(jarNames()).noneMatch(name -> name.startsWith("netty-") && name.contains("-4.2."));
        assertThat(io.netty.util.Version.identify().get("netty-common").artifactVersion()).startsWith("4.2.");
    }

    @Test
    void theBrokerIsNotOnTheCallersClasspath() {
        assertThatThrownBy(() -> Class.forName("org.apache.rocketmq.broker.BrokerStartup"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.rocketmq.namesrv.NamesrvStartup"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theChildClasspathStartsWithTheHarnessClasses() {
        String classpath = ApacheClasspath.forChildJvm();
        String first = classpath.split(java.io.File.pathSeparator)[0];

        assertThat(Path.of(first).resolve("dev/mq/apache/harness/ChildLauncher.class")).exists();
        assertThat(classpath).contains("rocketmq-broker-5.5.0.jar");
    }
}
