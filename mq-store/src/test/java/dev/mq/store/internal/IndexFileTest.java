package dev.mq.store.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class IndexFileTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final List<IndexFile> opened = new ArrayList<>();

    @AfterEach
    void closeFiles() {
        opened.forEach(IndexFile::close);
    }

    private IndexFile create(int slots, int entries) {
        IndexFile file = IndexFile.create(dir, T0, slots, entries, 0);
        opened.add(file);
        return file;
    }

    private IndexFile reopen(IndexFile file) {
        file.close();
        IndexFile again = IndexFile.open(file.path(), file.hashSlots(), file.capacity());
        opened.add(again);
        return again;
    }

    private static List<Long> lookup(IndexFile file, String key, long begin, long end, int max) {
        List<Long> into = new ArrayList<>();
        file.lookup(key, begin, end, max, into);
        return into;
    }

    private static List<Long> lookupAll(IndexFile file, String key) {
        return lookup(file, key, 0, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    @Test
    void aNewFileHasTheDocumentedSizeNameAndEmptyHeader() throws Exception {
        IndexFile file = create(8, 10);

        assertThat(file.path()).isEqualTo(dir.resolve(FileNames.offsetToName(T0)));
        assertThat(Files.size(file.path())).isEqualTo(40 + 8 * 4 + 10 * 20);
        assertThat(file.entryCount()).isEqualTo(1);
        assertThat(file.isEmpty()).isTrue();
        assertThat(file.isFull()).isFalse();
        assertThat(file.beginTimestamp()).isZero();
        assertThat(file.lastEntryPhyOffset()).isEqualTo(-1);
    }

    @Test
    void putThenLookupFindsTheOffsetsOfTheKey() {
        IndexFile file = create(8, 10);
        assertThat(file.put("order-1", 100, T0)).isTrue();
        assertThat(file.put("order-2", 200, T0 + 10)).isTrue();
        assertThat(file.put("order-1", 300, T0 + 20)).isTrue();

        assertThat(lookupAll(file, "order-1")).containsExactly(300L, 100L);
        assertThat(lookupAll(file, "order-2")).containsExactly(200L);
        assertThat(lookupAll(file, "order-3")).isEmpty();
    }

    @Test
    void putUpdatesTheHeader() {
        IndexFile file = create(8, 10);
        file.put("a", 100, T0);
        file.put("b", 200, T0 + 5_000);
        file.put("a", 300, T0 + 7_000);

        assertThat(file.beginTimestamp()).isEqualTo(T0);
        assertThat(file.endTimestamp()).isEqualTo(T0 + 7_000);
        assertThat(file.beginPhyOffset()).isEqualTo(100);
        assertThat(file.entryCount()).isEqualTo(4);
        assertThat(file.hashSlotsUsed()).isEqualTo(2);
        assertThat(file.lastEntryPhyOffset()).isEqualTo(300);
        ByteBuffer mapping = file.mappedFile().mapping();
        assertThat(mapping.getLong(IndexFile.BEGIN_TIMESTAMP_AT)).isEqualTo(T0);
        assertThat(mapping.getLong(IndexFile.END_TIMESTAMP_AT)).isEqualTo(T0 + 7_000);
        assertThat(mapping.getInt(IndexFile.ENTRY_COUNT_AT)).isEqualTo(4);
    }

    @Test
    void lookupReturnsNewestEntriesFirst() {
        IndexFile file = create(4, 10);
        for (int i = 0; i < 10; i++) {
            file.put("k", i * 10L, T0 + i);
        }

        assertThat(lookupAll(file, "k")).containsExactly(90L, 80L, 70L, 60L, 50L, 40L, 30L, 20L, 10L, 0L);
    }

    @Test
    void lookupOnlyReturnsEntriesWhoseRecordedSecondIsWithinTheTimeRange() {
        IndexFile file = create(8, 10);
        file.put("k", 1, T0);
        file.put("k", 2, T0 + 2_000);
        file.put("k", 3, T0 + 5_500); // recorded as T0 + 5 s
        file.put("k", 4, T0 + 9_000);

        assertThat(lookup(file, "k", T0 + 1_000, T0 + 5_000, 10)).containsExactly(3L, 2L);
        assertThat(lookup(file, "k", T0 + 5_001, T0 + 8_999, 10)).isEmpty();
        assertThat(lookup(file, "k", T0, T0, 10)).containsExactly(1L);
        assertThat(lookup(file, "k", T0 + 9_000, Long.MAX_VALUE, 10)).containsExactly(4L);
        assertThat(lookup(file, "k", T0 + 9_000, T0, 10)).isEmpty();
    }

    @Test
    void lookupStopsAtMaxResultsKeepingTheNewest() {
        IndexFile file = create(8, 10);
        for (int i = 0; i < 6; i++) {
            file.put("k", i, T0);
        }

        assertThat(lookup(file, "k", 0, Long.MAX_VALUE, 3)).containsExactly(5L, 4L, 3L);
        assertThat(lookup(file, "k", 0, Long.MAX_VALUE, 0)).isEmpty();
    }

    @Test
    void lookupCountsAndSkipsOffsetsAlreadyCollected() {
        IndexFile file = create(8, 10);
        file.put("k", 1, T0);
        file.put("k", 2, T0);
        file.put("k", 2, T0);
        List<Long> into = new ArrayList<>(List.of(1L));

        file.lookup("k", 0, Long.MAX_VALUE, 10, into);
        assertThat(into).containsExactly(1L, 2L);

        List<Long> bounded = new ArrayList<>(List.of(7L));
        file.lookup("k", 0, Long.MAX_VALUE, 2, bounded);
        assertThat(bounded).containsExactly(7L, 2L);
    }

    @Test
    void keysSharingFewSlotsOnlyReturnTheirOwnOffsets() {
        int keys = 20;
        IndexFile file = create(2, 2 * keys);
        Set<Integer> hashes = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < keys; k++) {
                assertThat(file.put("key-" + k, round * 1_000L + k, T0 + round)).isTrue();
                hashes.add(IndexFile.keyHash("key-" + k));
            }
        }
        assertThat(hashes).as("the keys must have distinct hashes for this test").hasSize(keys);

        for (int k = 0; k < keys; k++) {
            assertThat(lookupAll(file, "key-" + k)).containsExactly(1_000L + k, (long) k);
        }
        assertThat(file.hashSlotsUsed()).isEqualTo(2);
    }

    @Test
    void keysWithEqualHashCodesShareTheirHits() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        IndexFile file = create(8, 10);
        file.put("Aa", 1, T0);
        file.put("BB", 2, T0);
        file.put("C", 3, T0);

        assertThat(lookupAll(file, "Aa")).containsExactly(2L, 1L);
        assertThat(lookupAll(file, "BB")).containsExactly(2L, 1L);
    }

    @Test
    void negativeHashCodesAreFiledUnderANonNegativeHash() {
        String key = "polygenelubricants"; // hashCode() == Integer.MIN_VALUE
        assertThat(key.hashCode()).isEqualTo(Integer.MIN_VALUE);
        assertThat(IndexFile.keyHash(key)).isZero();
        assertThat(IndexFile.keyHash("zzzzzz")).isNotNegative();
        IndexFile file = create(3, 10);
        file.put(key, 5, T0);
        file.put("zzzzzz", 6, T0);

        assertThat(lookupAll(file, key)).containsExactly(5L);
        assertThat(lookupAll(file, "zzzzzz")).containsExactly(6L);
    }

    @Test
    void putReturnsFalseOnceTheFileIsFull() {
        IndexFile file = create(8, 3);
        assertThat(file.put("a", 1, T0)).isTrue();
        assertThat(file.put("b", 2, T0)).isTrue();
        assertThat(file.put("c", 3, T0)).isTrue();

        assertThat(file.isFull()).isTrue();
        assertThat(file.put("d", 4, T0)).isFalse();
        assertThat(lookupAll(file, "c")).containsExactly(3L);
        assertThat(lookupAll(file, "d")).isEmpty();
    }

    @Test
    void putRefusesAStoreTimeTooFarAfterTheFirstEntryForASecondsDiff() {
        IndexFile file = create(8, 3);
        file.put("a", 1, 0);

        assertThat(file.put("b", 2, (Integer.MAX_VALUE + 1L) * 1000)).isFalse();
        assertThat(file.isFull()).isFalse();
        assertThat(file.put("b", 2, Integer.MAX_VALUE * 1000L)).isTrue();
    }

    @Test
    void aStoreTimeBeforeTheFirstEntryIsRecordedAsTheFirstEntryTime() {
        IndexFile file = create(8, 10);
        file.put("k", 1, T0);
        file.put("k", 2, T0 - 60_000);

        assertThat(file.beginTimestamp()).isEqualTo(T0);
        assertThat(file.endTimestamp()).isEqualTo(T0);
        assertThat(lookup(file, "k", T0, T0, 10)).containsExactly(2L, 1L);
    }

    @Test
    void putRejectsNegativeOffsetsAndTimes() {
        IndexFile file = create(8, 10);

        assertThatThrownBy(() -> file.put("k", -1, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> file.put("k", 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(file.isEmpty()).isTrue();
    }

    @Test
    void aReopenedFileKeepsItsEntriesAndHeader() {
        IndexFile file = create(8, 10);
        file.put("a", 100, T0);
        file.put("b", 200, T0 + 3_000);
        file.setEndPhyOffset(250);
        file.flush();

        IndexFile again = reopen(file);

        assertThat(again.beginTimestamp()).isEqualTo(T0);
        assertThat(again.endTimestamp()).isEqualTo(T0 + 3_000);
        assertThat(again.beginPhyOffset()).isEqualTo(100);
        assertThat(again.endPhyOffset()).isEqualTo(250);
        assertThat(again.entryCount()).isEqualTo(3);
        assertThat(again.hashSlotsUsed()).isEqualTo(2);
        assertThat(lookupAll(again, "a")).containsExactly(100L);
        assertThat(again.put("a", 300, T0 + 4_000)).isTrue();
        assertThat(lookupAll(again, "a")).containsExactly(300L, 100L);
    }

    @Test
    void openRefusesAFileWrittenWithOtherDimensions() {
        IndexFile file = create(8, 10);
        file.close();

        assertThatThrownBy(() -> IndexFile.open(file.path(), 16, 10))
                .hasMessageContaining("index-hash-slots");
    }

    @Test
    void openRefusesAnEntryCountBeyondTheCapacity() {
        IndexFile file = create(8, 10);
        file.mappedFile().mapping().putInt(IndexFile.ENTRY_COUNT_AT, 12);
        file.close();

        assertThatThrownBy(() -> IndexFile.open(file.path(), 8, 10)).hasMessageContaining("corrupt");
    }

    @Test
    void aPutTornBetweenSlotAndHeaderIsRolledBackOnOpen() {
        IndexFile file = create(8, 10);
        file.put("a", 100, T0);
        file.put("a", 200, T0);
        // the crash: entry 3 and its slot written, entry count still 3
        ByteBuffer mapping = file.mappedFile().mapping();
        int hash = IndexFile.keyHash("a");
        int entryAt = file.entryPosition(3);
        mapping.putInt(entryAt + IndexFile.ENTRY_KEY_HASH_AT, hash);
        mapping.putLong(entryAt + IndexFile.ENTRY_PHY_OFFSET_AT, 300);
        mapping.putInt(entryAt + IndexFile.ENTRY_TIME_DIFF_AT, 0);
        mapping.putInt(entryAt + IndexFile.ENTRY_PREV_INDEX_AT, 2);
        mapping.putInt(file.slotPosition(hash), 3);

        IndexFile again = reopen(file);
        assertThat(lookupAll(again, "a")).containsExactly(200L, 100L);
        again.put("other-key-in-another-slot", 400, T0);

        assertThat(lookupAll(again, "a")).containsExactly(200L, 100L);
    }

    @Test
    void aCorruptChainDoesNotLoopForever() {
        IndexFile file = create(1, 10);
        for (int i = 1; i <= 5; i++) {
            file.put("k" + i, i, T0);
        }
        ByteBuffer mapping = file.mappedFile().mapping();
        int prevAt = IndexFile.ENTRY_PREV_INDEX_AT;

        mapping.putInt(file.entryPosition(4) + prevAt, 4); // points at itself
        List<Long> selfLoop = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> lookupAll(file, "k5"));
        assertThat(selfLoop).containsExactly(5L);

        mapping.putInt(file.entryPosition(4) + prevAt, 5); // points forward, 4 -> 5 -> 4 ...
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> lookupAll(file, "k5")))
                .containsExactly(5L);

        mapping.putInt(file.entryPosition(4) + prevAt, -7);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> lookupAll(file, "k5")))
                .containsExactly(5L);

        mapping.putInt(file.slotPosition(0), 1_000_000); // slot beyond the capacity
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> lookupAll(file, "k5"))).isEmpty();

        mapping.putInt(file.slotPosition(0), 5);
        mapping.putInt(file.entryPosition(4) + prevAt, 3);
        assertThat(lookupAll(file, "k1")).containsExactly(1L);
    }

    @Test
    void aLookupOnAClosedOrDestroyedFileFindsNothing() {
        IndexFile file = create(8, 10);
        file.put("k", 1, T0);
        Path path = file.path();

        file.destroy();

        assertThat(lookupAll(file, "k")).isEmpty();
        assertThat(path).doesNotExist();
        file.flush();
    }

    @Test
    void aReaderHoldingTheFileKeepsItsMappingAfterTheFileIsDeleted() {
        IndexFile file = create(8, 10);
        file.put("k", 1, T0);
        assertThat(file.mappedFile().retain()).isTrue();

        file.destroy();
        assertThat(file.path()).doesNotExist();
        assertThat(file.mappedFile().mapping().getInt(IndexFile.HEADER_SIZE + 8 * IndexFile.SLOT_SIZE))
                .as("the held mapping is still readable").isEqualTo(IndexFile.keyHash("k"));
        file.mappedFile().release();
    }
}
