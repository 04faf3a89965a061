package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;


import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RemotingServerClientTest {

    private static final int ECHO = 1000;
    private static final int THROWS = 1001;
    private static final int REQUIRES_X = 1002;
    private static final int ONEWAY_TARGET = 1003;
    private static final int NEVER_ANSWERS = 1004;
    private static final int ANSWERS_NULL = 1005;
    private static final int HELD = 1006;
    private static final int LATER = 1007;

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final CountDownLatch onewayProcessed = new CountDownLatch(1);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicReference<Connection> lastConnected = new AtomicReference<>();

    private RemotingServer server;
    private RemotingClient client;
    private String addr;

    @BeforeEach
    void startServerAndClient() {
        server = startServer(RemotingServerConfig.of(0).withIoThreads(1));
        client = new RemotingClient(new RemotingClientConfig(1, Duration.ofSeconds(2), 1024 * 1024));
        addr = "127.0.0.1:" + server.port();
    }

    private RemotingServer startServer(RemotingServerConfig config) {
        RemotingServer started = new RemotingServer(config);
        started.registerProcessor(ECHO, (channel, request) -> {
            RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, "echo");
            response.setExtFields(request.extFields());
            response.setBody(request.body());
            return CompletableFuture.completedFuture(response);
        }, executor);
        started.registerProcessor(THROWS, (channel, request) -> {
            throw new IllegalStateException("boom");
        }, null);
        started.registerProcessor(REQUIRES_X, (channel, request) -> CompletableFuture.supplyAsync(() -> {
            request.requireExt("x");
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        }, executor), null);
        started.registerProcessor(ONEWAY_TARGET, (channel, request) -> {
            onewayProcessed.countDown();
            return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, "must not be sent"));
        }, executor);
        started.registerProcessor(NEVER_ANSWERS, (channel, request) -> new CompletableFuture<>(), null);
        started.registerProcessor(ANSWERS_NULL, (channel, request) -> CompletableFuture.completedFuture(null), null);
        started.addConnectionListener(new ConnectionListener() {
            @Override
            public void onConnected(Connection channel) {
                lastConnected.set(channel);
                events.add("connected");
            }

            @Override
            public void onClosed(Connection channel) {
                events.add("closed");
            }

            @Override
            public void onIdle(Connection channel) {
                events.add("idle");
            }
        });
        started.start();
        return started;
    }

    @AfterEach
    void closeEverything() {
        client.close();
        server.close();
        executor.shutdownNow();
    }

    // ---- request / response ----

    @Test
    void syncRequestGetsTheResponseWithExtFieldsAndBody() {
        RemotingCommand request = RemotingCommand.request(ECHO)
                .putExt("topic", "TopicA")
                .putExt("queueId", 3)
                .setBody("hello".getBytes(StandardCharsets.UTF_8));

        RemotingCommand response = client.invokeSync(addr, request, 3000);

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.isResponse()).isTrue();
        assertThat(response.opaque()).isEqualTo(request.opaque());
        assertThat(response.remark()).isEqualTo("echo");
        assertThat(response.extFields()).containsExactly(Map.entry("topic", "TopicA"), Map.entry("queueId", "3"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(response.version()).isEqualTo(RemotingCommand.CURRENT_VERSION);
        assertThat(client.pendingRequestCount()).isZero();
    }

    @Test
    void aResponseBodyRetainedOnRequestIsReadFromTheFrameAndReleasedByTheCaller() {
        RemotingCommand request = RemotingCommand.request(ECHO).setBody("hello".getBytes(StandardCharsets.UTF_8));

        RemotingCommand response = client.invokeAsyncRetainingBody(addr, request, 3000).join();

        assertThat(response.body()).isNull();
        assertThat(response.bodyBuffer()).isNotNull();
        assertThat(StandardCharsets.UTF_8.decode(response.bodyView()).toString()).isEqualTo("hello");
        response.releaseBodyBuffer();
        assertThat(response.bodyBuffer()).isNull();
        RemotingCommand copied = client.invokeSync(addr, RemotingCommand.request(ECHO)
                .setBody("hello".getBytes(StandardCharsets.UTF_8)), 3000);
        assertThat(copied.bodyBuffer()).as("not asked for: copied").isNull();
        assertThat(copied.body()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
    }

    @Test
    void concurrentAsyncRequestsAreCorrelatedByOpaque() throws Exception {
        List<CompletableFuture<RemotingCommand>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(client.invokeAsync(addr, RemotingCommand.request(ECHO).putExt("i", i), 5000));
        }

        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i).get(5, TimeUnit.SECONDS).ext("i")).isEqualTo(String.valueOf(i));
        }
        assertThat(client.pendingRequestCount()).isZero();
    }

    /**
     * As the broker answers appends: the responses are completed later, together, by a thread that
     * is not the connection's I/O thread (flushes from there are consolidated, and none may be lost).
     */
    @Test
    void responsesCompletedTogetherByAnotherThreadAllArrive() throws Exception {
        List<CompletableFuture<RemotingCommand>> held = new CopyOnWriteArrayList<>();
        List<RemotingCommand> heldRequests = new CopyOnWriteArrayList<>();
        server.registerProcessor(HELD, (channel, request) -> {
            CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
            heldRequests.add(request);
            held.add(answer);
            return answer;
        }, null);
        for (int burst = 0; burst < 3; burst++) {
            held.clear();
            heldRequests.clear();
            int size = burst == 0 ? 1 : 300;
            List<CompletableFuture<RemotingCommand>> futures = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                futures.add(client.invokeAsync(addr, RemotingCommand.request(HELD).putExt("i", i), 5000));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == size);
            Thread completer = new Thread(() -> {
                for (int i = 0; i < size; i++) {
                    held.get(i).complete(RemotingCommand.response(ResponseCode.SUCCESS, null)
                            .putExt("i", heldRequests.get(i).ext("i")));
                }
            }, "completer");
            completer.start();
            for (int i = 0; i < size; i++) {
                assertThat(futures.get(i).get(5, TimeUnit.SECONDS).ext("i")).isEqualTo(String.valueOf(i));
            }
        }
        assertThat(client.pendingRequestCount()).isZero();
    }

    /**
     * As the broker leaves the appends of one read for one write: a processor on the I/O thread
     * gets an executor that runs a task on that thread once the processor has returned; any other
     * thread gets none.
     */
    @Test
    void aProcessorOnTheIoThreadCanLeaveWorkForAfterTheCurrentRead() throws Exception {
        List<Thread> processorThreads = new CopyOnWriteArrayList<>();
        List<Thread> taskThreads = new CopyOnWriteArrayList<>();
        List<String> ranBeforeItsProcessorReturned = new CopyOnWriteArrayList<>();
        server.registerProcessor(LATER, (connection, request) -> {
            processorThreads.add(Thread.currentThread());
            AtomicBoolean returned = new AtomicBoolean();
            CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
            connection.afterCurrentRead().execute(() -> {
                taskThreads.add(Thread.currentThread());
                if (!returned.get()) {
                    ranBeforeItsProcessorReturned.add(request.ext("i"));
                }
                answer.complete(RemotingCommand.response(ResponseCode.SUCCESS, null).putExt("i", request.ext("i")));
            });
            returned.set(true);
            return answer;
        }, null);
        List<CompletableFuture<RemotingCommand>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(client.invokeAsync(addr, RemotingCommand.request(LATER).putExt("i", i), 5000));
        }

        for (int i = 0; i < futures.size(); i++) {
            RemotingCommand response = futures.get(i).get(5, TimeUnit.SECONDS);
            assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(response.ext("i")).isEqualTo(String.valueOf(i));
        }
        assertThat(ranBeforeItsProcessorReturned).isEmpty();
        assertThat(taskThreads).hasSize(20);
        assertThat(Set.copyOf(taskThreads)).as("threads the tasks ran on").isEqualTo(Set.copyOf(processorThreads));
        assertThat(Set.copyOf(processorThreads)).as("the server's one I/O thread").hasSize(1);
        assertThat(lastConnected.get().afterCurrentRead()).as("asked from the test's thread").isNull();
    }

    @Test
    void unknownCodeIsAnsweredWithRequestCodeNotSupported() {
        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(9999), 3000);

        assertThat(response.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        assertThat(response.remark()).isEqualTo("request code 9999 is not supported");
    }

    @Test
    void defaultProcessorHandlesUnregisteredCodes() {
        server.setDefaultProcessor((channel, request) -> CompletableFuture.completedFuture(
                RemotingCommand.response(ResponseCode.SUCCESS, "default for " + request.code())), null);

        assertThat(client.invokeSync(addr, RemotingCommand.request(9999), 3000).remark()).isEqualTo("default for 9999");
    }

    @Test
    void throwingProcessorIsAnsweredWithSystemErrorAndItsMessage() {
        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(THROWS), 3000);

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).isEqualTo("boom");
    }

    @Test
    void missingHeaderFieldIsAnsweredWithSystemErrorNamingTheField() {
        RemotingCommand response = client.invokeSync(addr, RemotingCommand.request(REQUIRES_X), 3000);

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).isEqualTo("missing header field 'x' in request code 1002");
    }

    @Test
    void binaryRequestIsAnsweredInBinaryAndJsonInJson() {
        RemotingCommand binary = client.invokeSync(addr,
                RemotingCommand.request(ECHO).putExt("k", "v").setSerializeType(SerializeType.ROCKETMQ), 3000);
        RemotingCommand json = client.invokeSync(addr, RemotingCommand.request(ECHO).putExt("k", "v"), 3000);

        assertThat(binary.serializeType()).isEqualTo(SerializeType.ROCKETMQ);
        assertThat(binary.ext("k")).isEqualTo("v");
        assertThat(json.serializeType()).isEqualTo(SerializeType.JSON);
        assertThat(json.ext("k")).isEqualTo("v");
    }

    @Test
    void rawSocketSeesResponsesInTheRequestsEncoding() throws IOException {
        try (Socket socket = rawSocket()) {
            for (SerializeType type : SerializeType.values()) {
                send(socket, RemotingCommand.request(ECHO).setOpaque(77).setSerializeType(type));

                byte[] frame = readFrame(socket);

                assertThat(frame[4] & 0xFF).as("serialize type byte").isEqualTo(type.code());
                RemotingCommand response = RemotingCommandCodecTest.decodeFrame(frame);
                assertThat(response.opaque()).isEqualTo(77);
                assertThat(response.isResponse()).isTrue();
            }
        }
    }

    // ---- oneway ----

    @Test
    void onewayRequestIsProcessedButNeverAnswered() throws Exception {
        try (Socket socket = rawSocket()) {
            send(socket, RemotingCommand.request(ONEWAY_TARGET).setOpaque(5).markOneway());

            assertThat(onewayProcessed.await(5, TimeUnit.SECONDS)).isTrue();
            InputStream in = socket.getInputStream();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> in.available() == 0);
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void clientOnewayReachesTheProcessorWithoutAPendingEntry() throws Exception {
        client.invokeOneway(addr, RemotingCommand.request(ONEWAY_TARGET));

        assertThat(onewayProcessed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(client.pendingRequestCount()).isZero();
    }

    // ---- failures ----

    @Test
    void malformedFrameClosesOnlyThatConnection() throws IOException {
        client.invokeSync(addr, RemotingCommand.request(ECHO), 3000);
        try (Socket bad = rawSocket()) {
            bad.getOutputStream().write(RemotingCommandCodecTest.frame(0, "{not json".getBytes(StandardCharsets.UTF_8),
                    new byte[0]));
            bad.getOutputStream().flush();

            assertThat(bad.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
        try (Socket tooLong = rawSocket()) {
            new java.io.DataOutputStream(tooLong.getOutputStream()).writeInt(Integer.MAX_VALUE);

            assertThat(tooLong.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }

        assertThat(client.invokeSync(addr, RemotingCommand.request(ECHO), 3000).code()).isEqualTo(ResponseCode.SUCCESS);
        try (RemotingClient second = new RemotingClient(RemotingClientConfig.defaults())) {
            assertThat(second.invokeSync(addr, RemotingCommand.request(ECHO), 3000).code()).isEqualTo(ResponseCode.SUCCESS);
        }
    }

    @Test
    void syncTimeoutThrowsAndForgetsTheRequest() {
        assertThatThrownBy(() -> client.invokeSync(addr, RemotingCommand.request(NEVER_ANSWERS), 200))
                .isInstanceOfSatisfying(RemotingException.class,
                        e -> assertThat(e.kind()).isEqualTo(RemotingException.Kind.TIMEOUT))
                .hasMessageContaining("1004");

        assertThat(client.pendingRequestCount()).isZero();
    }

    @Test
    void nullResponseSendsNothingSoTheCallerTimesOut() {
        CompletableFuture<RemotingCommand> future = client.invokeAsync(addr, RemotingCommand.request(ANSWERS_NULL), 200);

        assertThatThrownBy(future::join).hasCauseInstanceOf(RemotingException.class);
        assertThat(((RemotingException) catchCause(future)).kind()).isEqualTo(RemotingException.Kind.TIMEOUT);
        assertThat(client.pendingRequestCount()).isZero();
    }

    @Test
    void closingTheClientFailsInFlightCalls() {
        CompletableFuture<RemotingCommand> future = client.invokeAsync(addr, RemotingCommand.request(NEVER_ANSWERS), 20_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("connected"));

        client.close();

        await().atMost(Duration.ofSeconds(5)).until(future::isDone);
        assertThat(((RemotingException) catchCause(future)).kind()).isEqualTo(RemotingException.Kind.CONNECTION_CLOSED);
        assertThat(client.pendingRequestCount()).isZero();
        assertThatThrownBy(() -> client.invokeSync(addr, RemotingCommand.request(ECHO), 1000))
                .isInstanceOfSatisfying(RemotingException.class,
                        e -> assertThat(e.kind()).isEqualTo(RemotingException.Kind.CONNECTION_CLOSED));
    }

    @Test
    void serverClosingTheConnectionFailsInFlightCallsAndTheClientReconnects() {
        CompletableFuture<RemotingCommand> future = client.invokeAsync(addr, RemotingCommand.request(NEVER_ANSWERS), 20_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> lastConnected.get() != null);

        lastConnected.get().close();

        await().atMost(Duration.ofSeconds(5)).until(future::isDone);
        assertThat(((RemotingException) catchCause(future)).kind()).isEqualTo(RemotingException.Kind.CONNECTION_CLOSED);
        assertThat(client.invokeSync(addr, RemotingCommand.request(ECHO), 3000).code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void unreachableAddressFailsWithConnectFailed() throws IOException {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }

        assertThatThrownBy(() -> client.invokeSync("127.0.0.1:" + freePort, RemotingCommand.request(ECHO), 3000))
                .isInstanceOfSatisfying(RemotingException.class,
                        e -> assertThat(e.kind()).isEqualTo(RemotingException.Kind.CONNECT_FAILED));
        assertThatThrownBy(() -> client.invokeOneway("127.0.0.1:" + freePort, RemotingCommand.request(ECHO)))
                .isInstanceOfSatisfying(RemotingException.class,
                        e -> assertThat(e.kind()).isEqualTo(RemotingException.Kind.CONNECT_FAILED));
        assertThatThrownBy(() -> client.invokeSync("no-port", RemotingCommand.request(ECHO), 3000))
                .isInstanceOfSatisfying(RemotingException.class,
                        e -> assertThat(e.kind()).isEqualTo(RemotingException.Kind.CONNECT_FAILED));
    }

    // ---- server to client ----

    @Test
    void serverCallsTheClientAsyncAndOnewayOverTheClientsConnection() throws Exception {
        CountDownLatch notified = new CountDownLatch(1);
        AtomicReference<String> notifiedGroup = new AtomicReference<>();
        client.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (channel, request) -> {
            notifiedGroup.set(request.ext("consumerGroup"));
            notified.countDown();
            return null;
        }, null);
        client.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, (channel, request) ->
                CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.SUCCESS, null)
                        .putExt("clientId", request.ext("clientId"))), executor);
        client.invokeSync(addr, RemotingCommand.request(ECHO), 3000);
        Connection toClient = lastConnected.get();

        RemotingCommand info = toClient.invoke(
                RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO).putExt("clientId", "c1"), 3000)
                .get(5, TimeUnit.SECONDS);
        toClient.invokeOneway(RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED)
                .putExt("consumerGroup", "g"));

        assertThat(info.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(info.ext("clientId")).isEqualTo("c1");
        assertThat(notified.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(notifiedGroup.get()).isEqualTo("g");
        assertThat(server.pendingRequestCount()).isZero();
    }

    @Test
    void serverCallToAClientWithoutProcessorGetsRequestCodeNotSupported() throws Exception {
        client.invokeSync(addr, RemotingCommand.request(ECHO), 3000);

        RemotingCommand response = lastConnected.get().invoke(
                RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE), 3000).get(5, TimeUnit.SECONDS);

        assertThat(response.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    }

    @Test
    void serverCallTimesOutWhenTheClientDoesNotAnswer() {
        client.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, (channel, request) -> new CompletableFuture<>(), null);
        client.invokeSync(addr, RemotingCommand.request(ECHO), 3000);

        CompletableFuture<RemotingCommand> future = lastConnected.get().invoke(
                RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO), 100);

        await().atMost(Duration.ofSeconds(5)).until(future::isDone);
        assertThat(((RemotingException) catchCause(future)).kind()).isEqualTo(RemotingException.Kind.TIMEOUT);
        assertThat(server.pendingRequestCount()).isZero();
    }

    // ---- connection events ----

    @Test
    void channelListenerSeesConnectAndClose() {
        client.invokeSync(addr, RemotingCommand.request(ECHO), 3000);
        assertThat(events).containsExactly("connected");

        client.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> events.equals(List.of("connected", "closed")));
    }

    @Test
    void idleConnectionIsReportedAndClosed() throws IOException {
        try (RemotingServer idleServer = startServer(RemotingServerConfig.of(0).withIoThreads(1)
                .withIdleTimeout(Duration.ofMillis(200)));
             Socket socket = new Socket("127.0.0.1", idleServer.port())) {
            socket.setSoTimeout(5000);

            assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.equals(List.of("connected", "idle", "closed")));
        }
    }

    @Test
    void closingTheServerClosesConnectionsAndIsIdempotent() throws IOException {
        try (Socket socket = rawSocket()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("connected"));

            server.close();
            server.close();

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(events).contains("closed");
        }
    }

    @Test
    void startingTwiceOrBindingABusyPortFails() {
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);

        try (RemotingServer busy = new RemotingServer(new RemotingServerConfig("127.0.0.1", server.port(), 1,
                1024, Duration.ZERO))) {
            assertThatThrownBy(busy::start)
                    .isInstanceOfSatisfying(RemotingException.class,
                            e -> assertThat(e.kind()).isEqualTo(RemotingException.Kind.BIND_FAILED));
        }
    }

    // ---- helpers ----

    private Socket rawSocket() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket socket, RemotingCommand command) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(RemotingCommandCodecTest.encode(command));
        out.flush();
    }

    private static byte[] readFrame(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int length = in.readInt();
        byte[] frame = new byte[4 + length];
        java.nio.ByteBuffer.wrap(frame).putInt(length);
        in.readFully(frame, 4, length);
        return frame;
    }

    private static Throwable catchCause(CompletableFuture<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        throw new AssertionError("future completed normally");
    }

}
