package dev.mq.docs;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.ConsumeResult;
import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.PushConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the getting-started page's commands as written, on the ports they name: the server jar,
 * its health check, a first message sent and received, then the console jar with its generated
 * admin password, logged in to its overview. The commands run in a scratch directory that links
 * to the build's jars, so the server's {@code ./data} lands there and not in the repository.
 */
@Timeout(300)
class GettingStartedRunTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Pattern GENERATED = Pattern.compile("generated password for user 'admin': (\\S+)");

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
        }
        for (Process process : started) {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theServerTheFirstMessageAndTheConsoleWorkAsWritten(@TempDir Path scratch) throws Exception {
        List<String> commands = GettingStartedTest.commands();
        String serverCommand = commands.stream().filter(c -> c.startsWith("java -jar mq-server/")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/getting-started.md starts no server"));
        String healthUrl = commands.stream().filter(c -> c.startsWith("curl ")).map(c -> c.replaceAll(".* ", ""))
                .findFirst().orElseThrow(() -> new AssertionError("docs/getting-started.md checks no health"));
        String consoleCommand = commands.stream().filter(c -> c.startsWith("java -jar mq-console/")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/getting-started.md starts no console"));
        for (int port : new int[] {9876, 10911, 9880, 8082}) {
            assertThat(isFree(port)).as("port %d is in use: the getting-started commands need it; stop what"
                    + " listens there (a server or console started by hand?)", port).isTrue();
        }
        Files.createSymbolicLink(scratch.resolve("mq-server"), RepoFiles.resolve("mq-server"));
        Files.createSymbolicLink(scratch.resolve("mq-console"), RepoFiles.resolve("mq-console"));

        List<String> serverOutput = run(serverCommand, scratch);
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(START).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() ->
                assertThat(get(http, healthUrl)).as("server output: %s", tail(serverOutput)).contains("\"UP\""));
        assertThat(scratch.resolve("data")).isDirectory();

        List<String> received = new CopyOnWriteArrayList<>();
        try (MqClient client = MqClient.builder().namesrv("127.0.0.1:9876").build();
             Producer producer = client.producer("getting-started").build();
             PushConsumer consumer = client.pushConsumer("billing").subscribe("Orders", "created")
                     .consumeFrom(ConsumeFrom.FIRST_OFFSET).listener(messages -> {
                         messages.forEach(m -> received.add(new String(m.body(), StandardCharsets.UTF_8)));
                         return ConsumeResult.SUCCESS;
                     }).build()) {
            producer.send(Message.builder("Orders").tags("created").body("{\"id\":\"o-1\"}").build());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received).contains("{\"id\":\"o-1\"}"));
        }

        List<String> consoleOutput = run(consoleCommand, scratch);
        String password = await().atMost(START).until(() -> generatedPassword(consoleOutput), p -> p != null);
        await().atMost(START).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(get(http, "http://127.0.0.1:8082/login")).contains("name=\"password\""));
        String loginPage = get(http, "http://127.0.0.1:8082/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        HttpResponse<String> overview = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8082/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + password + "&_csrf=" + csrf.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overview.body()).contains("<h1>Overview</h1>").contains(":10911");
    }

    /** Starts {@code command} in {@code directory}, collecting its output lines. */
    private List<String> run(String command, Path directory) throws IOException {
        List<String> output = new CopyOnWriteArrayList<>();
        Process process = new ProcessBuilder("sh", "-c", "exec " + command).directory(directory.toFile())
                .redirectErrorStream(true).start();
        started.add(process);
        Thread reader = new Thread(() -> {
            try (var lines = process.inputReader(StandardCharsets.UTF_8)) {
                lines.lines().forEach(output::add);
            } catch (IOException e) {
                output.add("(output unreadable: " + e + ")");
            }
        }, "output of " + command);
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    private static String get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String generatedPassword(List<String> output) {
        for (String line : output) {
            Matcher matcher = GENERATED.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
