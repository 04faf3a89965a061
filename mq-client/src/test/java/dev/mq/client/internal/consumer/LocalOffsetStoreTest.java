package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.client.MqClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalOffsetStoreTest {

    @Test
    void offsetsSurviveANewStoreOnTheSameDirectory(@TempDir Path dir) {
        MessageQueue a = new MessageQueue("T", "b", 0);
        MessageQueue b = new MessageQueue("T", "b", 1);
        LocalOffsetStore store = new LocalOffsetStore("g", dir.resolve("sub"));
        assertThat(store.read(a)).isEqualTo(-1);
        store.persist(Map.of(a, 5L, b, 9L), true);
        store.persist(Map.of(a, 6L), true);

        LocalOffsetStore reopened = new LocalOffsetStore("g", dir.resolve("sub"));
        assertThat(reopened.read(a)).isEqualTo(6);
        assertThat(reopened.read(b)).isEqualTo(9);
        assertThat(reopened.file()).isEqualTo(dir.resolve("sub").resolve("g.json"));
        assertThat(dir.resolve("sub").resolve("g.json.tmp")).doesNotExist();
    }

    @Test
    void aDamagedFileIsReportedNamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("g.json"), "{not json");
        assertThatThrownBy(() -> new LocalOffsetStore("g", dir)).isInstanceOf(MqClientException.class)
                .hasMessageContaining("g.json");
    }

    @Test
    void theDefaultDirectoryIsUnderTheHomeDirectory() {
        assertThat(OffsetDirectories.defaultFor("10.0.0.1@12#34"))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".mq", "offsets", "10.0.0.1@12#34"));
        assertThat(OffsetDirectories.defaultFor("fe80::1@x").getFileName().toString()).isEqualTo("fe80__1@x");
    }
}
