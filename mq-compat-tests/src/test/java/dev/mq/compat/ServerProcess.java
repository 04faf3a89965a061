package dev.mq.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Our server as a user runs it: {@code java -jar mq-server.jar} (or, {@link #viaLauncher}, the
 * {@code mq-server/bin/mq-server} launcher) in its own process, with a data directory and free
 * loopback ports. Output goes to {@code server.log} in the data directory.
 */
final class ServerProcess implements AutoCloseable {

    private final Path dataDir;
    private final int namesrvPort;
    private final int brokerPort;
    private final List<String> extraArgs;
    private final Path launchDir;
    private final String launcherJavaOpts;
    private Process process;

    ServerProcess(Path dataDir, String... extraArgs) {
        this(dataDir, null, null, extraArgs);
    }

    private ServerProcess(Path dataDir, Path launchDir, String launcherJavaOpts, String... extraArgs) {
        this.dataDir = dataDir;
        this.launchDir = launchDir;
        this.launcherJavaOpts = launcherJavaOpts;
        int[] ports = freePorts(2);
        this.namesrvPort = ports[0];
        this.brokerPort = ports[1];
        this.extraArgs = List.of(extraArgs);
    }

    /** A server started by {@code mq-server/bin/mq-server}, which keeps its extracted jar and class archive in {@code launchDir}. */
    static ServerProcess viaLauncher(Path dataDir, Path launchDir, String... extraArgs) {
        return viaLauncherWithJavaOpts(dataDir, launchDir, "-Xmx256m", extraArgs);
    }

    /** As {@link #viaLauncher(Path, Path, String...)}, with {@code javaOpts} as the launcher's JAVA_OPTS. */
    static ServerProcess viaLauncherWithJavaOpts(Path dataDir, Path launchDir, String javaOpts, String... extraArgs) {
        return new ServerProcess(dataDir, launchDir, javaOpts, extraArgs);
    }

    /**
     * A server (not started yet) on this one's data directory with the same options but new free
     * ports, for a restart after {@link #stop()}. Records stored before keep the old broker address
     * in their offset message ids.
     */
    ServerProcess successor() {
        return new ServerProcess(dataDir, launchDir, launcherJavaOpts, extraArgs.toArray(String[]::new));
    }

    /** Starts the server and waits until both ports accept connections and the broker has registered. */
    ServerProcess start() {
        String jar = System.getProperty("mq.server.jar", "../mq-server/target/mq-server.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException("server jar " + jar + " is missing: build mq-server first (./mvnw package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(launchDir == null ? List.of(java, "-Xmx256m", "-jar", jar)
                : List.of("bash", System.getProperty("mq.server.launcher", "../mq-server/bin/mq-server")));
        command.addAll(List.of(
                "--mq.server.data-dir=" + dataDir,
                "--mq.namesrv.port=" + namesrvPort,
                "--mq.broker.port=" + brokerPort,
                "--mq.broker.advertised-address=127.0.0.1",
                "--server.port=0"));
        command.addAll(extraArgs);
        int logStart = log().length(); // a restarted server appends to the same log
        try {
            Files.createDirectories(dataDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
            if (launchDir != null) {
                builder.environment().put("JAVA", java);
                builder.environment().put("JAVA_OPTS", launcherJavaOpts);
                builder.environment().put("MQ_SERVER_JAR", jar);
                builder.environment().put("MQ_SERVER_LAUNCH_DIR", launchDir.toString());
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(launchDir == null ? 60 : 120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + log());
            }
            return accepts(namesrvPort) && accepts(brokerPort)
                    && log().indexOf("listening on port " + brokerPort + ", advertised", logStart) >= 0;
        });
        return this;
    }

    /** The command line of the running server's JVM (the launcher execs java, so its process is the JVM). */
    List<String> jvmCommandLine() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("the server is not running");
        }
        List<String> commandLine = new ArrayList<>();
        process.info().command().ifPresent(commandLine::add);
        process.info().arguments().ifPresent(arguments -> commandLine.addAll(List.of(arguments)));
        return commandLine;
    }

    String namesrvAddr() {
        return "127.0.0.1:" + namesrvPort;
    }

    String brokerAddr() {
        return "127.0.0.1:" + brokerPort;
    }

    Path dataDir() {
        return dataDir;
    }

    String log() {
        try {
            Path log = dataDir.resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM and wait: the graceful shutdown path. Returns the exit code. */
    int stop() {
        if (process == null || !process.isAlive()) {
            return process == null ? 0 : process.exitValue();
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the server did not stop within 60 s after SIGTERM:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    /** SIGKILL and wait: a crash, no shutdown hook runs. */
    void kill() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not die within 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        return freePorts(1)[0];
    }

    /**
     * {@code count} ports nothing listens on right now, all different: each socket stays bound until
     * all are found, since the system may hand out a port again as soon as its socket is closed.
     */
    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
