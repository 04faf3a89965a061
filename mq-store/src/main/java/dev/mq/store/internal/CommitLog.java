package dev.mq.store.internal;

import dev.mq.message.record.RecordLayout;
import dev.mq.message.record.RecordView;
import dev.mq.store.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The set of commit-log segments: contiguous fixed-size files named by their start offset.
 *
 * <p><b>Ownership.</b> The appender adds segments at the tail ({@link #addSegment}), retention
 * removes them at the head ({@link #deleteHead}); both take {@code filesLock} and publish a new
 * snapshot array, so readers on any thread find segments without locking. The end of readable
 * data is {@link #committedPosition()}, published by the appender after each write.
 */
public final class CommitLog {

    private final Path dir;
    private final int segmentSize;
    private final Object filesLock = new Object();
    private volatile MappedFile[] segments = new MappedFile[0];
    private volatile long committedPosition;
    /** Set by {@link #recover}, read by the opening thread afterwards. */
    private boolean recoveryStoppedAtBadRecord;

    public CommitLog(Path dir, int segmentSize) {
        this.dir = dir;
        this.segmentSize = segmentSize;
    }

    public int segmentSize() {
        return segmentSize;
    }

    /** Maps every existing segment; checks names and contiguity. */
    public void load() {
        try {
            Files.createDirectories(dir);
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> FileNames.pathToOffset(p) >= 0).sorted().toList();
            }
            List<MappedFile> loaded = new ArrayList<>();
            long expected = -1;
            for (Path file : files) {
                long start = FileNames.pathToOffset(file);
                if (start % segmentSize != 0 || (expected >= 0 && start != expected)) {
                    closeAll(loaded);
                    throw new StoreException("commit-log segment " + file + " does not follow its predecessor (expected start "
                            + expected + ", segment size " + segmentSize + "); was the segment size changed?");
                }
                loaded.add(MappedFile.open(file, start, segmentSize));
                expected = start + segmentSize;
            }
            segments = loaded.toArray(new MappedFile[0]);
            committedPosition = loaded.isEmpty() ? 0 : loaded.get(0).startOffset();
        } catch (IOException e) {
            throw new StoreException("cannot list commit-log directory " + dir, e);
        }
    }

    /**
     * Scans records from {@code scanFrom} (a record boundary) to the first one that is not whole,
     * truncates everything after it (deleting later segments) and returns the end offset. With
     * {@code verifyCrc} each body's CRC is checked too. The rest of the last segment is zeroed when
     * the scan stopped at a bad record or when {@code zeroTail} is set (after a crash), so that no
     * stale bytes can later be mistaken for part of a record.
     */
    public long recover(long scanFrom, boolean verifyCrc, boolean zeroTail) {
        MappedFile[] files = segments;
        if (files.length == 0) {
            committedPosition = scanFrom;
            return scanFrom;
        }
        long position = Math.max(scanFrom, files[0].startOffset());
        RecordView view = new RecordView();
        boolean stoppedAtBadRecord = false;
        scan:
        while (true) {
            MappedFile segment = segmentFor(position);
            if (segment == null) {
                break;
            }
            ByteBuffer mapping = segment.mapping();
            int local = (int) (position - segment.startOffset());
            switch (view.check(mapping, local, segment.size(), verifyCrc)) {
                case VALID -> {
                    if (view.physicalOffset() != position) {
                        stoppedAtBadRecord = true; // a stale record from an earlier life of this range
                        break scan;
                    }
                    position += view.totalSize();
                }
                case BLANK -> position = segment.startOffset() + segment.size();
                case EMPTY -> {
                    break scan;
                }
                case CORRUPT -> {
                    stoppedAtBadRecord = true;
                    break scan;
                }
            }
        }
        truncateAfter(position, zeroTail || stoppedAtBadRecord);
        committedPosition = position;
        recoveryStoppedAtBadRecord = stoppedAtBadRecord;
        return position;
    }

    /**
     * Whether the last {@link #recover} stopped at a record it could not accept (corrupt, or stale
     * bytes from an earlier life of the range) rather than at the end of the data.
     */
    public boolean recoveryStoppedAtBadRecord() {
        return recoveryStoppedAtBadRecord;
    }

    private void truncateAfter(long end, boolean zeroTail) {
        synchronized (filesLock) {
            MappedFile[] files = segments;
            List<MappedFile> kept = new ArrayList<>();
            for (MappedFile file : files) {
                long start = file.startOffset();
                if (start + file.size() <= end) {
                    kept.add(file);
                } else if (start <= end) {
                    if (zeroTail) {
                        file.zeroFromThroughChannel((int) (end - start));
                        file.force((int) (end - start), file.size());
                    }
                    kept.add(file);
                } else {
                    file.destroy();
                }
            }
            segments = kept.toArray(new MappedFile[0]);
        }
    }

    /** The segment holding {@code offset}, or null. */
    public MappedFile segmentFor(long offset) {
        MappedFile[] files = segments;
        if (files.length == 0) {
            return null;
        }
        long first = files[0].startOffset();
        if (offset < first) {
            return null;
        }
        long index = (offset - first) / segmentSize;
        return index < files.length ? files[(int) index] : null;
    }

    /** The last segment, or null. */
    public MappedFile lastSegment() {
        MappedFile[] files = segments;
        return files.length == 0 ? null : files[files.length - 1];
    }

    /** A snapshot of all segments, oldest first. */
    public MappedFile[] segments() {
        return segments;
    }

    /** Appends a segment that starts where the last one ends. Called by the appender. */
    public void addSegment(MappedFile segment) {
        synchronized (filesLock) {
            MappedFile last = lastSegment();
            long expected = last == null ? segment.startOffset() : last.startOffset() + segmentSize;
            if (segment.startOffset() != expected || segment.size() != segmentSize) {
                throw new IllegalStateException("segment " + segment + " does not follow " + last);
            }
            MappedFile[] files = Arrays.copyOf(segments, segments.length + 1);
            files[files.length - 1] = segment;
            segments = files;
        }
    }

    /**
     * Removes the oldest segment if it is not the last one and ends at or below {@code limit};
     * it is deleted once no reader holds it. Returns the removed segment or null.
     */
    public MappedFile deleteHead(long limit) {
        synchronized (filesLock) {
            MappedFile[] files = segments;
            if (files.length < 2 || files[0].startOffset() + segmentSize > limit) {
                return null;
            }
            MappedFile head = files[0];
            segments = Arrays.copyOfRange(files, 1, files.length);
            head.destroy();
            return head;
        }
    }

    /** Path of the file a segment starting at {@code startOffset} has. */
    public Path segmentPath(long startOffset) {
        return dir.resolve(FileNames.offsetToName(startOffset));
    }

    /** First readable offset. */
    public long minOffset() {
        MappedFile[] files = segments;
        return files.length == 0 ? committedPosition : files[0].startOffset();
    }

    /** End of readable data: every byte below it belongs to a whole record or a blank. */
    public long committedPosition() {
        return committedPosition;
    }

    /** Published by the appender after records are written. */
    public void publishCommitted(long position) {
        committedPosition = position;
    }

    /**
     * A retained, read-only slice of {@code size} bytes at {@code offset}, or null when that range
     * is not (or no longer) readable. The caller must close the returned slice.
     */
    public SegmentSlice read(long offset, int size) {
        if (size <= 0 || offset < 0 || offset + size > committedPosition) {
            return null;
        }
        MappedFile segment = segmentFor(offset);
        if (segment == null) {
            return null;
        }
        int local = (int) (offset - segment.startOffset());
        if (local + size > segment.size() || !segment.retain()) {
            return null;
        }
        return new SegmentSlice(segment, segment.slice(local, size));
    }

    /** The whole record at {@code offset}, or null if no whole record is readable there. */
    public SegmentSlice readRecord(long offset) {
        if (offset < 0 || offset + RecordLayout.BLANK_SIZE > committedPosition) {
            return null;
        }
        MappedFile segment = segmentFor(offset);
        if (segment == null || !segment.retain()) {
            return null;
        }
        try {
            int local = (int) (offset - segment.startOffset());
            ByteBuffer mapping = segment.mapping();
            int size = mapping.getInt(local);
            int magic = mapping.getInt(local + RecordLayout.MAGIC);
            if (size < RecordLayout.BLANK_SIZE || local + (long) size > segment.size()
                    || offset + size > committedPosition
                    || (magic != RecordLayout.MAGIC_V1 && magic != RecordLayout.MAGIC_V2)) {
                segment.release();
                return null;
            }
            return new SegmentSlice(segment, segment.slice(local, size));
        } catch (RuntimeException e) {
            segment.release();
            throw e;
        }
    }

    /** Forces the bytes in {@code [from, to)} of the log to the device (fdatasync of each segment involved). */
    public void force(long from, long to) {
        MappedFile[] files = segments;
        for (MappedFile file : files) {
            long start = file.startOffset();
            long end = start + file.size();
            if (end <= from || start >= to) {
                continue;
            }
            if (!file.retain()) {
                continue; // deleted meanwhile: nothing left to flush
            }
            try {
                file.forceData();
            } finally {
                file.release();
            }
        }
    }

    /** Unmaps every segment. */
    public void close() {
        synchronized (filesLock) {
            closeAll(Arrays.asList(segments));
            segments = new MappedFile[0];
        }
    }

    private static void closeAll(List<MappedFile> files) {
        for (MappedFile file : files) {
            file.close();
        }
    }
}
