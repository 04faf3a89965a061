package dev.mq.server.broker.offset;

import dev.mq.message.record.AppendMessage;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.server.broker.TestStore;
import dev.mq.server.broker.state.ConsumerOffsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reset targets computed from a real store: two queues with messages stored 10 s apart. */
class OffsetResetTest {

    @TempDir
    Path dir;

    private TestStore test;
    private ConsumerOffsets offsets;
    private final TopicConfig topic = TopicConfig.of("Orders", 2, Permissions.READ_WRITE);
    private long t0;

    @BeforeEach
    void fill() {
        test = new TestStore(dir);
        offsets = new ConsumerOffsets(dir.resolve("config"));
        t0 = test.clock.millis();
        // queue 0: offsets 0..4 at t0, t0+10s, ..., t0+40s; queue 1: offsets 0..1 at t0, t0+10s
        for (int i = 0; i < 5; i++) {
            test.append(AppendMessage.of("Orders", 0, ("q0-" + i).getBytes(StandardCharsets.UTF_8), "", t0));
            if (i < 2) {
                test.append(AppendMessage.of("Orders", 1, ("q1-" + i).getBytes(StandardCharsets.UTF_8), "", t0));
            }
            test.clock.advance(Duration.ofSeconds(10));
        }
    }

    @AfterEach
    void close() {
        test.close();
    }

    private Map<Integer, Long> targets(long timestamp, boolean force) {
        return new OffsetReset("Orders", "g", timestamp, force, -1, null).targets(test.store, offsets, topic);
    }

    @Test
    void aTimeGivesEachQueueItsFirstMessageStoredAtOrAfterIt() {
        assertThat(targets(t0 + 15_000, true)).isEqualTo(Map.of(0, 2L, 1, 2L));
        assertThat(targets(t0 + 10_000, true)).isEqualTo(Map.of(0, 1L, 1, 1L));
        assertThat(targets(t0 - 1, true)).isEqualTo(Map.of(0, 0L, 1, 0L));
    }

    @Test
    void skippingTheBacklogMovesToTheEndOfEachQueue() {
        offsets.commit("g", "Orders", 0, 1);
        assertThat(targets(-1, true)).isEqualTo(Map.of(0, 5L, 1, 2L));
        assertThat(targets(test.clock.millis(), true)).as("now, after the last message").isEqualTo(Map.of(0, 5L, 1, 2L));
    }

    @Test
    void withoutForceOffsetsOnlyMoveBack() {
        offsets.commit("g", "Orders", 0, 3);
        offsets.commit("g", "Orders", 1, 0);
        assertThat(targets(t0 + 15_000, false)).as("queue 0 goes back to 2, queue 1 stays at 0")
                .isEqualTo(Map.of(0, 2L, 1, 0L));
        assertThat(targets(-1, false)).isEqualTo(Map.of(0, 3L, 1, 0L));
    }

    @Test
    void oneQueueCanBeSetToAnExplicitOffsetWithinItsRange() {
        assertThat(new OffsetReset("Orders", "g", 0, true, 0, 4L).targets(test.store, offsets, topic))
                .isEqualTo(Map.of(0, 4L));
        offsets.commit("g", "Orders", 0, 1);
        assertThat(new OffsetReset("Orders", "g", 0, false, 0, 3L).targets(test.store, offsets, topic))
                .as("an explicit offset applies without force (5.x resetOffsetByQueueId sends none)")
                .isEqualTo(Map.of(0, 3L));
        assertThat(new OffsetReset("Orders", "g", -1, true, 1, -1L).targets(test.store, offsets, topic))
                .as("offset -1 means: use the time").isEqualTo(Map.of(1, 2L));
        assertThatThrownBy(() -> new OffsetReset("Orders", "g", 0, true, 0, 6L).targets(test.store, offsets, topic))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside queue 0");
        assertThatThrownBy(() -> new OffsetReset("Orders", "g", 0, true, 2, null).targets(test.store, offsets, topic))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue 2 does not exist");
    }

    @Test
    void theBodyIsAnOffsetTableKeyedByMessageQueueObjects() {
        String json = new String(OffsetReset.body("broker-a", "Orders", new java.util.TreeMap<>(Map.of(0, 2L, 1, 7L))),
                StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"offsetTable\":{{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"Orders\"}:2,"
                + "{\"brokerName\":\"broker-a\",\"queueId\":1,\"topic\":\"Orders\"}:7}}");
    }
}
