package dev.mq.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The commands of docs/getting-started.md name files that exist and properties that are bound. */
class GettingStartedTest {

    private static final Pattern BLOCK = Pattern.compile("(?s)```sh getting-started\\n(.*?)```");
    private static final Pattern FILE = Pattern.compile("(?:\\./)?((?:mvnw)|(?:[\\w.-]+/)+[\\w.-]+\\.(?:jar|yml))");
    private static final Pattern ARGUMENT = Pattern.compile("--(mq\\.[\\w.-]+)=");

    static List<String> commands() {
        Matcher m = BLOCK.matcher(RepoFiles.read("docs/getting-started.md"));
        List<String> commands = new ArrayList<>();
        while (m.find()) {
            m.group(1).lines().filter(l -> !l.isBlank()).forEach(commands::add);
        }
        return commands;
    }

    @Test
    void everyNamedFileExists() {
        List<String> commands = commands();
        assertThat(commands).as("sh getting-started commands").hasSizeGreaterThanOrEqualTo(4);
        List<String> files = new ArrayList<>();
        commands.forEach(c -> {
            Matcher m = FILE.matcher(c);
            while (m.find()) {
                files.add(m.group(1));
            }
        });
        assertThat(files).contains("mvnw", "mq-server/target/mq-server.jar", "mq-console/target/mq-console.jar",
                "docker/docker-compose.yml");
        files.forEach(f -> assertThat(RepoFiles.resolve(f)).as("named in getting-started").isRegularFile());
    }

    @Test
    void everyArgumentIsABoundProperty() {
        ConfigurationMetadata server = ConfigurationMetadata.of("mq-server");
        ConfigurationMetadata console = ConfigurationMetadata.of("mq-console");
        commands().forEach(c -> {
            Matcher m = ARGUMENT.matcher(c);
            while (m.find()) {
                String property = m.group(1);
                assertThat(server.property(property).or(() -> console.property(property)))
                        .as("%s in '%s'", property, c).isPresent();
            }
        });
    }

    @Test
    void theServerCommandIsTheReadmeOne() {
        assertThat(commands()).contains("java -jar mq-server/target/mq-server.jar");
        assertThat(DockerfileTest.readmeStartCommands()).contains("java -jar mq-server/target/mq-server.jar");
    }
}
