package dev.mq.store.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexServiceTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final int SLOTS = 8;
    private static final int ENTRIES = 10;
    private static final int RECORD_SIZE = 100;

    @TempDir
    Path dataDir;

    private final List<IndexService> services = new ArrayList<>();

    @AfterEach
    void closeServices() {
        services.forEach(IndexService::close);
    }

    private IndexService open() {
        IndexService service = new IndexService(dataDir, SLOTS, ENTRIES);
        services.add(service);
        service.load();
        return service;
    }

    private static List<Long> lookupAll(IndexService service, String key) {
        return service.lookup(key, 0, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** Indexes record {@code n} (at offset n * 100, stored at T0 + n seconds) under {@code keys}. */
    private static void index(IndexService service, int n, String... keys) {
        long offset = (long) n * RECORD_SIZE;
        for (String key : keys) {
            service.put(key, offset, T0 + n * 1_000L);
        }
        service.markIndexed(offset + RECORD_SIZE);
    }

    private static long offsetOf(int n) {
        return (long) n * RECORD_SIZE;
    }

    private List<Path> filesOnDisk() throws Exception {
        try (Stream<Path> listing = Files.list(FileNames.indexDir(dataDir))) {
            return listing.sorted().toList();
        }
    }

    @Test
    void putThenLookupFindsTheRecordsOfAKeyNewestFirst() {
        IndexService service = open();
        index(service, 0, "a", "b");
        index(service, 1, "a");
        index(service, 2, "c");

        assertThat(lookupAll(service, "a")).containsExactly(offsetOf(1), offsetOf(0));
        assertThat(lookupAll(service, "b")).containsExactly(offsetOf(0));
        assertThat(lookupAll(service, "d")).isEmpty();
        assertThat(service.indexedUpTo()).isEqualTo(offsetOf(3));
    }

    @Test
    void aLookupBeforeAnyPutFindsNothing() {
        IndexService service = open();

        assertThat(lookupAll(service, "a")).isEmpty();
        assertThat(service.indexedUpTo()).isZero();
        assertThat(service.files()).isEmpty();
    }

    @Test
    void lookupAcrossSeveralFilesFiltersByTimeAndBoundsTheResults() {
        IndexService service = open();
        for (int n = 0; n < 35; n++) {
            index(service, n, "k", "other-" + n);
        }

        assertThat(service.files()).hasSize(7);
        List<Long> all = lookupAll(service, "k");
        assertThat(all).hasSize(35);
        assertThat(all).isSortedAccordingTo((x, y) -> Long.compare(y, x));
        assertThat(service.lookup("k", T0 + 12_000, T0 + 21_000, 100))
                .containsExactly(offsetOf(21), offsetOf(20), offsetOf(19), offsetOf(18), offsetOf(17), offsetOf(16),
                        offsetOf(15), offsetOf(14), offsetOf(13), offsetOf(12));
        assertThat(service.lookup("k", T0 + 12_000, T0 + 21_000, 4))
                .containsExactly(offsetOf(21), offsetOf(20), offsetOf(19), offsetOf(18));
        assertThat(service.lookup("k", T0 + 40_000, Long.MAX_VALUE, 10)).isEmpty();
        assertThat(service.lookup("other-7", 0, Long.MAX_VALUE, 10)).containsExactly(offsetOf(7));
        assertThat(service.lookup("k", 0, Long.MAX_VALUE, 0)).isEmpty();
    }

    @Test
    void filesAreNamedAfterTheirFirstRecordsStoreTimeAndNeverCollide() throws Exception {
        IndexService service = open();
        for (int i = 0; i < 25; i++) {
            service.put("k", i, T0);
            service.markIndexed(i + 1);
        }

        assertThat(filesOnDisk()).extracting(p -> p.getFileName().toString()).containsExactly(
                FileNames.offsetToName(T0), FileNames.offsetToName(T0 + 1), FileNames.offsetToName(T0 + 2));
        assertThat(lookupAll(service, "k")).hasSize(25);
    }

    @Test
    void aReopenedIndexKeepsItsEntriesAndWatermark() {
        IndexService service = open();
        for (int n = 0; n < 23; n++) {
            index(service, n, "k" + (n % 3));
        }
        service.markIndexed(offsetOf(30)); // records 23..29 carry no keys
        List<Long> before = lookupAll(service, "k1");
        service.flush();
        service.close();

        IndexService again = open();

        assertThat(again.files()).hasSize(3);
        assertThat(again.indexedUpTo()).isEqualTo(offsetOf(30));
        assertThat(lookupAll(again, "k1")).isEqualTo(before).hasSize(8);
        again.put("k1", offsetOf(29), T0);
        assertThat(lookupAll(again, "k1")).isEqualTo(before);
        index(again, 30, "k1");
        assertThat(lookupAll(again, "k1")).hasSize(9).startsWith(offsetOf(30));
    }

    @Test
    void putSkipsRecordsBelowTheWatermark() {
        IndexService service = open();
        index(service, 0, "a");
        index(service, 1, "a");

        index(service, 1, "a", "b");
        index(service, 0, "b");

        assertThat(lookupAll(service, "a")).containsExactly(offsetOf(1), offsetOf(0));
        assertThat(lookupAll(service, "b")).isEmpty();
        assertThat(service.indexedUpTo()).isEqualTo(offsetOf(2));
    }

    @Test
    void aRecordInterruptedBeforeMarkIndexedIsIndexedWholeAfterARestart() {
        IndexService service = open();
        index(service, 0, "a");
        service.put("x", offsetOf(1), T0); // the process dies before "y" and markIndexed
        service.close();

        IndexService again = open();
        assertThat(again.indexedUpTo()).isEqualTo(offsetOf(1));
        index(again, 1, "x", "y");

        assertThat(lookupAll(again, "x")).containsExactly(offsetOf(1));
        assertThat(lookupAll(again, "y")).containsExactly(offsetOf(1));
    }

    @Test
    void truncateFromLowersTheWatermarkSoRewrittenRecordsAreIndexedAgain() {
        IndexService service = open();
        for (int n = 0; n < 15; n++) {
            index(service, n, "k");
        }

        service.truncateFrom(offsetOf(12));
        assertThat(service.indexedUpTo()).isEqualTo(offsetOf(12));
        service.truncateFrom(offsetOf(20));
        assertThat(service.indexedUpTo()).isEqualTo(offsetOf(12));
        service.close();

        IndexService again = open();
        assertThat(again.indexedUpTo()).isEqualTo(offsetOf(12));
        index(again, 11, "new");
        index(again, 12, "new");
        index(again, 13, "new");

        assertThat(lookupAll(again, "new")).containsExactly(offsetOf(13), offsetOf(12));
        assertThat(again.indexedUpTo()).isEqualTo(offsetOf(14));
        // stale entries for the cut records remain; callers verify hits against the records
        assertThat(lookupAll(again, "k")).contains(offsetOf(14), offsetOf(11));
    }

    @Test
    void deleteFilesBelowRemovesOldFilesButNeverTheNewest() throws Exception {
        IndexService service = open();
        for (int n = 0; n < 35; n++) {
            index(service, n, "k");
        }
        assertThat(filesOnDisk()).hasSize(4);

        assertThat(service.deleteFilesBelow(offsetOf(19))).isEqualTo(1);
        assertThat(filesOnDisk()).hasSize(3);
        assertThat(lookupAll(service, "k")).hasSize(25).startsWith(offsetOf(34)).endsWith(offsetOf(10));

        assertThat(service.deleteFilesBelow(offsetOf(20))).isEqualTo(1);
        assertThat(service.deleteFilesBelow(Long.MAX_VALUE)).isEqualTo(1);
        assertThat(filesOnDisk()).hasSize(1);
        assertThat(service.files()).hasSize(1);
        assertThat(lookupAll(service, "k")).hasSize(5).startsWith(offsetOf(34));

        index(service, 35, "k");
        assertThat(lookupAll(service, "k")).hasSize(6).startsWith(offsetOf(35));
        service.close();
        assertThat(open().lookup("k", 0, Long.MAX_VALUE, 100)).hasSize(6);
    }

    @Test
    void aFileHoldingPartOfARecordIsKeptWhileTheRecordExists() {
        IndexService service = open();
        for (int n = 0; n < 9; n++) {
            index(service, n, "k");
        }
        index(service, 9, "first", "second"); // "first" fills file 1, "second" starts file 2

        assertThat(service.files()).hasSize(2);
        assertThat(service.files().get(0).endPhyOffset()).isEqualTo(offsetOf(9) + 1);
        assertThat(service.deleteFilesBelow(offsetOf(9))).isZero();
        assertThat(lookupAll(service, "first")).containsExactly(offsetOf(9));
        assertThat(service.deleteFilesBelow(offsetOf(10))).isEqualTo(1);
    }

    @Test
    void aFileCreatedWithoutAHeaderIsDeletedOnLoad() throws Exception {
        IndexService service = open();
        index(service, 0, "k");
        service.close();
        Path headerless = FileNames.indexDir(dataDir).resolve(FileNames.offsetToName(T0 + 5));
        Files.write(headerless, new byte[IndexFile.fileSize(SLOTS, ENTRIES)]);

        IndexService again = open();

        assertThat(headerless).doesNotExist();
        assertThat(again.indexedUpTo()).isEqualTo(offsetOf(1));
        assertThat(lookupAll(again, "k")).containsExactly(offsetOf(0));
    }

    @Test
    void writesBeforeLoadAreRefused() {
        IndexService service = new IndexService(dataDir, SLOTS, ENTRIES);

        assertThatThrownBy(() -> service.put("k", 0, T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new IndexService(dataDir, 0, ENTRIES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lookupsAndDeletionsMayRunWhileTheWriterRolls() throws Exception {
        IndexService service = open();
        int records = 3_000;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> reader = pool.submit(() -> {
                while (writing.get()) {
                    List<Long> hits = service.lookup("k", 0, Long.MAX_VALUE, 50);
                    assertThat(hits).doesNotHaveDuplicates().isSortedAccordingTo((x, y) -> Long.compare(y, x));
                    assertThat(hits).allMatch(o -> o % RECORD_SIZE == 0 && o < offsetOf(records));
                    service.deleteFilesBelow(Math.max(0, service.indexedUpTo() - offsetOf(100)));
                    service.flush();
                }
                return null;
            });
            for (int n = 0; n < records; n++) {
                index(service, n, "k");
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertThat(service.lookup("k", 0, Long.MAX_VALUE, 3))
                .containsExactly(offsetOf(records - 1), offsetOf(records - 2), offsetOf(records - 3));
    }
}
