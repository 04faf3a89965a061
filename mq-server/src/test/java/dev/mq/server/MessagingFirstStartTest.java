package dev.mq.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The name server and broker start before the application context, and never outlive a failed start. */
@Timeout(60)
class MessagingFirstStartTest {

    @TempDir
    Path dir;

    @Test
    void theBrokerAndNameServerAcceptConnectionsBeforeTheContextIsRefreshed() {
        AtomicReference<String> seenBeforeRefresh = new AtomicReference<>("listener not called");
        ApplicationListener<ApplicationPreparedEvent> probe = event -> {
            MessagingFirstStart.EarlyStartedServer early = (MessagingFirstStart.EarlyStartedServer) event
                    .getApplicationContext().getBeanFactory().getSingleton("earlyStartedServer");
            if (early == null) {
                seenBeforeRefresh.set("no server started before the context");
                return;
            }
            seenBeforeRefresh.set(connects(early.server().broker().port()) && connects(early.server().nameServer().port())
                    ? "accepting" : "not accepting");
        };
        try (ConfigurableApplicationContext context = MqServerApplication.builder().listeners(probe)
                .properties("mq.server.data-dir=" + dir, "mq.namesrv.port=0", "mq.broker.port=0",
                        "mq.broker.advertised-address=127.0.0.1")
                .run("--server.port=0")) {
            assertThat(seenBeforeRefresh.get()).isEqualTo("accepting");
            MqServer bean = context.getBean(MqServer.class);
            assertThat(bean.isRunning()).isTrue();
            assertThat(context.getBeansOfType(MqServer.class)).as("one server, the early one").hasSize(1);
        }
    }

    @Test
    void whenTheWebServerCannotStartTheBrokerIsStoppedAndItsPortsAndDataReleased() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            failedStartReleasesEverything(Integer.toString(taken.getLocalPort()), Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void whenTheContextFailsBeforeItsLifecycleStartsTheBrokerIsStoppedToo() throws IOException {
        // the web server factory fails to bind this while the context is refreshed, before any lifecycle bean starts
        failedStartReleasesEverything("not-a-port", "server.port");
    }

    private void failedStartReleasesEverything(String httpPort, String expectedInFailure) throws IOException {
        int brokerPort;
        int namesrvPort;
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            // both bound at once, so the two ports differ
            brokerPort = first.getLocalPort();
            namesrvPort = second.getLocalPort();
        }
        assertThatThrownBy(() -> start(namesrvPort, brokerPort, httpPort).close())
                .hasStackTraceContaining(expectedInFailure);
        // the same ports and the data directory (its lock) are free again: a server left running would hold them
        try (ConfigurableApplicationContext context = start(namesrvPort, brokerPort, "0")) {
            assertThat(context.getBean(MqServer.class).broker().port()).isEqualTo(brokerPort);
        }
    }

    private ConfigurableApplicationContext start(int namesrvPort, int brokerPort, String httpPort) {
        return MqServerApplication.builder()
                .properties("mq.server.data-dir=" + dir, "mq.namesrv.port=" + namesrvPort,
                        "mq.broker.port=" + brokerPort, "mq.broker.advertised-address=127.0.0.1")
                // arguments: application.properties sets server.port and would win over builder properties
                .run("--server.port=" + httpPort, "--server.address=127.0.0.1");
    }

    private static boolean connects(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
