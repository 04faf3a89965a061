package dev.mq.store.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SegmentPreparerTest {

    private static final int SEGMENT = 4 * 1024 * 1024;

    @TempDir
    Path dir;

    private CommitLog commitLog;
    private SegmentPreparer preparer;

    private void openLogWithOneSegment(int segmentSize) {
        commitLog = new CommitLog(dir, segmentSize);
        commitLog.load();
        commitLog.addSegment(MappedFile.create(commitLog.segmentPath(0), 0, segmentSize));
    }

    @AfterEach
    void stop() {
        if (preparer != null) {
            preparer.stop();
        }
        if (commitLog != null) {
            commitLog.close();
        }
    }

    @Test
    void thePreparedSegmentIsLaidOutWithItsBlocksAllocatedAndOnlyZerosInIt() throws Exception {
        openLogWithOneSegment(SEGMENT);
        preparer = new SegmentPreparer(commitLog, true);
        preparer.start("test-preparer");

        await().atMost(Duration.ofSeconds(30)).until(() -> preparer.laidOutSegments() == 1);
        MappedFile next = preparer.take(SEGMENT);

        assertThat(next.startOffset()).isEqualTo(SEGMENT);
        assertThat(firstNonZero(next)).as("a laid-out segment holds nothing but zeros").isEqualTo(-1);
        long allocated = allocatedBytes(next.path());
        assumeTrue(allocated >= 0, "stat(1) reports allocated blocks on this system");
        assertThat(allocated).as("blocks allocated for the whole segment").isGreaterThanOrEqualTo(SEGMENT);
        next.destroy();
    }

    @Test
    void withoutPreallocationThePreparedSegmentStaysSparse() throws Exception {
        openLogWithOneSegment(SEGMENT);
        preparer = new SegmentPreparer(commitLog, false);
        preparer.start("test-preparer");

        Path nextPath = commitLog.segmentPath(SEGMENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(nextPath));
        MappedFile next = preparer.take(SEGMENT);

        long allocated = allocatedBytes(next.path());
        assumeTrue(allocated >= 0, "stat(1) reports allocated blocks on this system");
        assertThat(allocated).as("a sparse segment has (almost) no blocks").isLessThan(SEGMENT / 4);
        assertThat(preparer.laidOutSegments()).isZero();
        next.destroy();
    }

    @Test
    void aSegmentTakenWhileItIsBeingLaidOutIsNeverOverwrittenWithZeros() throws Exception {
        int segment = 64 * 1024 * 1024;
        openLogWithOneSegment(segment);
        // one page per chunk: laying out 64 MiB takes long enough to be taken in the middle
        preparer = new SegmentPreparer(commitLog, true, 4096);
        Path nextPath = commitLog.segmentPath(segment);
        preparer.start("test-preparer");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> Files.exists(nextPath));

        MappedFile taken = preparer.take(segment);
        byte[] pattern = "written by the commit-log writer!".getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + pattern.length <= segment; at += 64 * 1024) {
            taken.write(ByteBuffer.wrap(pattern), at);
        }
        preparer.stop(); // waits for the preparer thread: any zero it would still write is written by now
        preparer = null;

        assertThat(taken.path()).as("the taken segment is the writer's: stop() must not delete it").exists();
        for (int at = 0; at + pattern.length <= segment; at += 64 * 1024) {
            byte[] read = new byte[pattern.length];
            taken.mapping().get(at, read);
            assertThat(new String(read, StandardCharsets.US_ASCII)).as("bytes at %d", at)
                    .isEqualTo(new String(pattern, StandardCharsets.US_ASCII));
        }
        taken.destroy();
    }

    private static int firstNonZero(MappedFile file) {
        ByteBuffer mapping = file.mapping();
        for (int i = 0; i < file.size(); i += 8) {
            if (mapping.getLong(i) != 0L) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes of disk allocated to {@code path} as stat(1) reports them, or -1 where stat is unavailable. */
    private static long allocatedBytes(Path path) throws IOException, InterruptedException {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            return -1;
        }
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", path.toString()).redirectErrorStream(true).start();
        String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (stat.waitFor() != 0) {
            return -1;
        }
        String[] parts = out.split(" ");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }
}
