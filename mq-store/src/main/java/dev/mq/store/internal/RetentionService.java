package dev.mq.store.internal;

import dev.mq.message.record.RecordView;
import dev.mq.store.DiskUsageProbe;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.function.LongSupplier;

/**
 * Deletes old commit-log segments and the consume-queue and index files that only pointed into
 * them, and tells the store whether disk usage forbids writes.
 *
 * <p>A segment is expired when the first record of the segment after it (so the moment the
 * segment was finished) is older than the reserved time by the injected clock. Expired segments
 * are deleted at the configured hour; any segment, oldest first, is deleted at once while disk
 * usage is above the maximum ratio. The active (last) segment and anything not yet flushed or
 * dispatched is never deleted.
 */
public final class RetentionService {

    private static final System.Logger LOG = System.getLogger(RetentionService.class.getName());
    private static final int MAX_DELETIONS_PER_RUN = 10;

    private final CommitLog commitLog;
    private final ConsumeQueueStore queues;
    private final IndexService index;
    private final DiskUsageProbe probe;
    private final Clock clock;
    private final Duration reservedTime;
    private final int deleteAtHour;
    private final double maxUsedRatio;
    private final double rejectWritesRatio;
    private final LongSupplier safeToDeleteBelow;
    private volatile boolean writesRefused;
    private volatile double lastUsedRatio;

    public RetentionService(CommitLog commitLog, ConsumeQueueStore queues, IndexService index, DiskUsageProbe probe,
                            Clock clock, Duration reservedTime, int deleteAtHour, double maxUsedRatio,
                            double rejectWritesRatio, LongSupplier safeToDeleteBelow) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.probe = probe;
        this.clock = clock;
        this.reservedTime = reservedTime;
        this.deleteAtHour = deleteAtHour;
        this.maxUsedRatio = maxUsedRatio;
        this.rejectWritesRatio = rejectWritesRatio;
        this.safeToDeleteBelow = safeToDeleteBelow;
    }

    /** Whether the last check found disk usage at or above the reject ratio. */
    public boolean writesRefused() {
        return writesRefused;
    }

    /** Disk usage seen by the last check. */
    public double lastUsedRatio() {
        return lastUsedRatio;
    }

    /** Only probes the disk and updates {@link #writesRefused()}. */
    public double probe() {
        double used = probe.usedRatio();
        lastUsedRatio = used;
        writesRefused = used >= rejectWritesRatio;
        return used;
    }

    /** One retention pass; returns the number of commit-log segments deleted. */
    public int runOnce() {
        double used = probe();
        boolean overLimit = used >= maxUsedRatio;
        boolean deleteHour = ZonedDateTime.now(clock).getHour() == deleteAtHour;
        int deleted = 0;
        while ((deleteHour || overLimit) && deleted < MAX_DELETIONS_PER_RUN) {
            MappedFile[] segments = commitLog.segments();
            if (segments.length < 2) {
                break;
            }
            boolean expired = isExpired(segments[1]);
            if (!expired && !overLimit) {
                break;
            }
            MappedFile removed = commitLog.deleteHead(safeToDeleteBelow.getAsLong());
            if (removed == null) {
                break;
            }
            deleted++;
            LOG.log(Level.INFO, "deleted commit-log segment {0} ({1})", removed.path(),
                    expired ? "older than " + reservedTime : "disk usage " + used);
            if (overLimit) {
                used = probe();
                overLimit = used >= maxUsedRatio;
            }
        }
        if (deleted > 0) {
            long minOffset = commitLog.minOffset();
            queues.deleteFilesBelow(minOffset);
            index.deleteFilesBelow(minOffset);
            probe();
        }
        return deleted;
    }

    /** Whether the segment before {@code next} was finished longer ago than the reserved time. */
    private boolean isExpired(MappedFile next) {
        if (!next.retain()) {
            return false;
        }
        try {
            RecordView view = new RecordView();
            if (view.check(next.mapping(), 0, next.size(), false) != RecordView.Check.VALID) {
                return false; // nothing written after it yet: it was finished just now
            }
            long finishedAt = view.storeTimestamp();
            return clock.millis() - finishedAt >= reservedTime.toMillis();
        } finally {
            next.release();
        }
    }
}
