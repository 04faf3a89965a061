package dev.mq.bench.load;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandCodec;
import dev.mq.protocol.RemotingException;
import dev.mq.protocol.RemotingServer;
import dev.mq.protocol.RemotingServerConfig;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ready}: waits until the broker accepts TCP connections and the name server returns a
 * route for {@code --topic} (by default {@code TBW102}, which a broker with topic auto-creation
 * registers), then prints the wall-clock time of that moment. compare.sh starts it before the
 * broker, so the probe's own start-up is not part of the measured start time; and before it says
 * it is waiting, it warms its client with a few hundred route requests to a throw-away local
 * server, so that the first real request does not pay for the probe's own class loading and
 * interpreted code (a few hundred milliseconds, the same for whichever broker is measured).
 */
final class ReadyProbe {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final int REQUEST_TIMEOUT_MILLIS = 1000;
    private static final int WARM_UP_REQUESTS = 500;

    private final LoadOptions options;
    private final PrintStream out;
    private final PrintStream progressOut;

    ReadyProbe(LoadOptions options, PrintStream out, PrintStream progressOut) {
        this.options = options;
        this.out = out;
        this.progressOut = progressOut;
    }

    /** Returns the exit code: 0 when ready, 1 on timeout. */
    int run() throws InterruptedException {
        String namesrv = options.namesrv().split(";")[0].trim();
        long start = System.nanoTime();
        long deadline = start + options.duration().toNanos();
        RemotingClientConfig config = RemotingClientConfig.defaults().withConnectTimeout(Duration.ofMillis(500));
        try (RemotingClient client = new RemotingClient(config)) {
            warmUp(client);
            progressOut.printf("ready: waiting for broker %s and a route of %s from %s%n", options.broker(),
                    options.topic(), namesrv);
            boolean brokerAccepts = false;
            String lastProblem = "nothing tried yet";
            while (System.nanoTime() < deadline) {
                brokerAccepts = brokerAccepts || accepts(options.broker());
                if (!brokerAccepts) {
                    lastProblem = "broker " + options.broker() + " does not accept connections";
                } else {
                    String problem = routeProblem(client, namesrv);
                    if (problem == null) {
                        long readyMillis = System.currentTimeMillis();
                        double waited = (System.nanoTime() - start) / 1e9;
                        out.println(options.json()
                                ? "{\"command\":\"ready\",\"readyEpochMillis\":" + readyMillis + ",\"waitedSeconds\":"
                                        + String.format(java.util.Locale.ROOT, "%.3f", waited) + "}"
                                : "ready at " + readyMillis + " (epoch ms), after waiting "
                                        + String.format(java.util.Locale.ROOT, "%.2f", waited) + " s");
                        return 0;
                    }
                    lastProblem = problem;
                }
                Thread.sleep(POLL.toMillis());
            }
            progressOut.printf("ready: not ready within %d s: %s%n", options.duration().toSeconds(), lastProblem);
            return 1;
        }
    }

    /** Sends route requests to a local server that answers them at once, so the client code is loaded and compiled. */
    private void warmUp(RemotingClient client) {
        RemotingServer local = new RemotingServer(new RemotingServerConfig("127.0.0.1", 0, 1,
                RemotingCommandCodec.DEFAULT_MAX_FRAME_LENGTH, RemotingServerConfig.DEFAULT_IDLE_TIMEOUT));
        local.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, (channel, request) -> CompletableFuture
                .completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, null)), Runnable::run);
        local.start();
        try {
            String address = "127.0.0.1:" + local.port();
            for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                String problem = routeProblem(client, address);
                if (problem != null) {
                    throw new IllegalStateException("warm-up request to the probe's own server failed: " + problem);
                }
            }
        } finally {
            local.close();
        }
    }

    /** Why the name server gives no route yet, or null if it does. */
    private String routeProblem(RemotingClient client, String namesrv) {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                .putExt("topic", options.topic());
        try {
            RemotingCommand response = client.invokeSync(namesrv, request, REQUEST_TIMEOUT_MILLIS);
            return response.code() == ResponseCode.SUCCESS ? null
                    : "name server answers code " + response.code() + " (" + response.remark() + ")";
        } catch (RemotingException e) {
            return "name server " + namesrv + ": " + e.getMessage();
        }
    }

    static boolean accepts(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new LoadOptionsException("--broker must be host:port, got '" + hostPort + "'");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                    200);
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
