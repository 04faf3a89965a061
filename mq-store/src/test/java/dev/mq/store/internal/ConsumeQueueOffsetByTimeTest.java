package dev.mq.store.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static dev.mq.store.BoundaryType.LOWER;
import static dev.mq.store.BoundaryType.UPPER;
import static dev.mq.store.internal.ConsumeQueueFixtures.TOPIC;
import static dev.mq.store.internal.ConsumeQueueFixtures.put;
import static dev.mq.store.internal.ConsumeQueueFixtures.standard;
import static org.assertj.core.api.Assertions.assertThat;

class ConsumeQueueOffsetByTimeTest {

    /** Store times of offsets 0..9: runs of equal timestamps included. */
    private static final long[] TIMES = {100, 200, 200, 200, 300, 400, 400, 500, 600, 600};

    @TempDir
    Path dataDir;

    private ConsumeQueue queue;
    private final Map<Long, Long> timeByCommitLogOffset = new HashMap<>();
    private final StoreTimeLookup lookup = (commitLogOffset, size) ->
            timeByCommitLogOffset.getOrDefault(commitLogOffset, -1L);

    @BeforeEach
    void writeQueue() {
        queue = ConsumeQueue.load(dataDir, TOPIC, 0, 3);
        for (int offset = 0; offset < TIMES.length; offset++) {
            put(queue, standard(offset));
            timeByCommitLogOffset.put(standard(offset).commitLogOffset(), TIMES[offset]);
        }
    }

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    @Test
    void lowerFindsTheFirstOfEqualTimestamps() {
        assertThat(queue.offsetByTime(200, LOWER, lookup)).isEqualTo(1);
        assertThat(queue.offsetByTime(400, LOWER, lookup)).isEqualTo(5);
        assertThat(queue.offsetByTime(600, LOWER, lookup)).isEqualTo(8);
    }

    @Test
    void upperFindsTheLastOfEqualTimestamps() {
        assertThat(queue.offsetByTime(200, UPPER, lookup)).isEqualTo(3);
        assertThat(queue.offsetByTime(400, UPPER, lookup)).isEqualTo(6);
        assertThat(queue.offsetByTime(100, UPPER, lookup)).isZero();
    }

    @Test
    void aTimestampBetweenMessagesResolvesToTheNeighbourOnEachSide() {
        assertThat(queue.offsetByTime(350, LOWER, lookup)).isEqualTo(5);
        assertThat(queue.offsetByTime(350, UPPER, lookup)).isEqualTo(4);
    }

    @Test
    void aTimestampBeforeAllMessagesGivesTheMinimum() {
        assertThat(queue.offsetByTime(50, LOWER, lookup)).isZero();
        assertThat(queue.offsetByTime(50, UPPER, lookup)).isZero();
    }

    @Test
    void aTimestampAfterAllMessagesGivesTheMaximumOrTheLastMessage() {
        assertThat(queue.offsetByTime(700, LOWER, lookup)).isEqualTo(10);
        assertThat(queue.offsetByTime(700, UPPER, lookup)).isEqualTo(9);
    }

    @Test
    void messagesGoneFromTheCommitLogAreNotCandidates() {
        timeByCommitLogOffset.remove(standard(0).commitLogOffset());
        timeByCommitLogOffset.remove(standard(1).commitLogOffset());

        assertThat(queue.offsetByTime(50, LOWER, lookup)).isEqualTo(2);
        assertThat(queue.offsetByTime(200, UPPER, lookup)).isEqualTo(3);
        assertThat(queue.offsetByTime(150, UPPER, lookup)).isZero();
    }

    @Test
    void whenEveryMessageIsGoneLowerGivesTheMaximumAndUpperTheMinimum() {
        timeByCommitLogOffset.clear();

        assertThat(queue.offsetByTime(300, LOWER, lookup)).isEqualTo(10);
        assertThat(queue.offsetByTime(300, UPPER, lookup)).isZero();
    }

    @Test
    void theSearchStaysWithinTheMinimum() {
        queue.deleteFilesBelow(standard(4).commitLogOffset());

        assertThat(queue.offsetByTime(50, LOWER, lookup)).isEqualTo(4);
        assertThat(queue.offsetByTime(200, UPPER, lookup)).isEqualTo(4);
    }

    @Test
    void gapEntriesAreSteppedOver() {
        put(queue, standard(14));
        timeByCommitLogOffset.put(standard(14).commitLogOffset(), 900L);

        assertThat(queue.offsetByTime(700, LOWER, lookup)).isEqualTo(14);
        assertThat(queue.offsetByTime(700, UPPER, lookup)).isEqualTo(9);
        assertThat(queue.offsetByTime(900, UPPER, lookup)).isEqualTo(14);
        assertThat(queue.offsetByTime(1000, LOWER, lookup)).isEqualTo(15);
    }

    @Test
    void anEmptyQueueGivesItsMaximum() {
        ConsumeQueue empty = ConsumeQueue.load(dataDir, TOPIC, 1, 3);
        try {
            assertThat(empty.offsetByTime(300, LOWER, lookup)).isZero();
            assertThat(empty.offsetByTime(300, UPPER, lookup)).isZero();
        } finally {
            empty.close();
        }
    }
}
