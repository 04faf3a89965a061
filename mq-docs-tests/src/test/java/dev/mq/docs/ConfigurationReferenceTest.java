package dev.mq.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/** docs/configuration.md is what the configuration metadata says; -Ddocs.regenerate=true rewrites it. */
class ConfigurationReferenceTest {

    @Test
    void pageMatchesTheMetadata() throws IOException {
        String generated = ConfigurationReference.render();
        if (Boolean.getBoolean("docs.regenerate")) {
            Files.writeString(RepoFiles.resolve(ConfigurationReference.PAGE), generated);
        }
        assertThat(RepoFiles.read(ConfigurationReference.PAGE))
                .as("%s is out of date with the configuration metadata; regenerate it with:%n  %s",
                        ConfigurationReference.PAGE, ConfigurationReference.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void pageNamesEveryPropertyOfEveryModule() {
        String page = ConfigurationReference.render();
        for (String module : new String[] {"mq-server", "mq-spring-boot-starter", "mq-console"}) {
            ConfigurationMetadata metadata = ConfigurationMetadata.of(module);
            assertThat(metadata.properties()).as(module).isNotEmpty();
            metadata.properties().forEach(p -> assertThat(page).contains("| `" + p.name() + "` |"));
        }
        assertThat(page).contains("| `mq.broker.advertised-address` |", "| `mq.namesrv` |");
    }
}
