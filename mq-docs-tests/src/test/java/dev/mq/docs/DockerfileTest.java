package dev.mq.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.ObjectMapper;

/** The images start with the README's command, as a non-root user, with the data volume and a working health check. */
class DockerfileTest {

    @ParameterizedTest
    @CsvSource({"docker/server/Dockerfile, mq-server", "docker/console/Dockerfile, mq-console"})
    void startsWithTheReadmeCommand(String dockerfile, String module) {
        String entrypoint = String.join(" ", entrypoint(RepoFiles.read(dockerfile)));
        assertThat(readmeStartCommands()).as("README start commands").contains(entrypoint);
        assertThat(entrypoint).isEqualTo("java -jar " + module + "/target/" + module + ".jar");
    }

    @ParameterizedTest
    @CsvSource({"docker/server/Dockerfile, mq-server", "docker/console/Dockerfile, mq-console"})
    void buildsFromSourceAndRunsAsANonRootUserWithTheHealthCheck(String dockerfile, String module) {
        String text = RepoFiles.read(dockerfile);
        assertThat(text).contains("./mvnw -q -B -DskipTests -pl " + module + " -am package");
        assertThat(text).containsPattern("(?m)^FROM eclipse-temurin:17-jre$");
        assertThat(text).containsPattern("(?m)^USER mq$");
        assertThat(text).containsPattern("(?m)^VOLUME /opt/mq/data$");
        String port = ConfigurationMetadata.of(module).applicationProperty("server.port").orElseThrow();
        assertThat(text).contains("http://127.0.0.1:" + port + "/actuator/health");
        assertThat(text).containsPattern("(?m)^EXPOSE .*\\b" + port + "\\b");
    }

    static List<String> entrypoint(String dockerfile) {
        Matcher m = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])$").matcher(dockerfile);
        assertThat(m.find()).as("an exec-form ENTRYPOINT").isTrue();
        List<String> parts = new ArrayList<>();
        new ObjectMapper().readTree(m.group(1)).forEach(n -> parts.add(n.asString()));
        return parts;
    }

    /** Every {@code java -jar <path>.jar} in the README, without its arguments. */
    static List<String> readmeStartCommands() {
        Matcher m = Pattern.compile("java -jar (\\S+\\.jar)").matcher(RepoFiles.read("README.md"));
        List<String> commands = new ArrayList<>();
        while (m.find()) {
            commands.add("java -jar " + m.group(1));
        }
        return commands;
    }
}
