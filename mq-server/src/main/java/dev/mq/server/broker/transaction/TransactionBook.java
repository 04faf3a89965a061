package dev.mq.server.broker.transaction;

import dev.mq.store.state.JsonStateFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which halves (by half-queue offset) are resolved and how often each open one was checked.
 *
 * <p>The op records in {@link HalfMessages#OP_TOPIC} are the truth about resolution; this book is
 * the checker's fold of them, plus claims: a request that resolves a half (END_TRANSACTION, or the
 * checker parking it) first claims it here, so a half is resolved exactly once even when a
 * duplicate or late END_TRANSACTION races the first. A claim lasts until the checker folds the
 * op record (or is released when the resolution failed).
 *
 * <p>Persisted in {@code config/transactions.json} (atomically, via {@link JsonStateFile}) by the
 * checker: the half offset below which everything is resolved, the op-queue offset folded so far,
 * the resolved halves above that, and the check counts. Claims are not persisted: after a restart
 * the op records written since the last fold are folded again. Thread-safe (synchronized); the
 * check thread and the END_TRANSACTION handlers share it.
 */
final class TransactionBook {

    /** The persisted form. */
    record Snapshot(long halfProgress, long opProgress, List<Long> resolved, Map<Long, Integer> checks) {
    }

    private final JsonStateFile<Snapshot> file;
    private long halfProgress;
    private long opProgress;
    private final TreeSet<Long> resolved = new TreeSet<>();
    private final Set<Long> claimed = new HashSet<>();
    private final Map<Long, Integer> checks = new HashMap<>();
    private boolean dirty;

    TransactionBook(Path configDir) {
        this.file = new JsonStateFile<>(configDir.resolve("transactions.json"), Snapshot.class);
        file.read().ifPresent(saved -> {
            halfProgress = saved.halfProgress();
            opProgress = saved.opProgress();
            if (saved.resolved() != null) {
                resolved.addAll(saved.resolved());
            }
            if (saved.checks() != null) {
                checks.putAll(saved.checks());
            }
        });
    }

    /** Claims the half for resolution; false if it is already resolved or being resolved. */
    synchronized boolean claim(long halfOffset) {
        if (!isOpen(halfOffset)) {
            return false;
        }
        claimed.add(halfOffset);
        return true;
    }

    /** Gives a claim back after the resolution failed, so the half is checked again. */
    synchronized void release(long halfOffset) {
        claimed.remove(halfOffset);
    }

    /** Whether the half is neither resolved nor claimed. */
    synchronized boolean isOpen(long halfOffset) {
        return halfOffset >= halfProgress && !resolved.contains(halfOffset) && !claimed.contains(halfOffset);
    }

    /** Folds one op record: {@code halfOffsets} are resolved, and the op queue is read up to {@code nextOpOffset}. */
    synchronized void fold(long[] halfOffsets, long nextOpOffset) {
        for (long offset : halfOffsets) {
            claimed.remove(offset);
            checks.remove(offset);
            if (offset >= halfProgress) {
                resolved.add(offset);
            }
        }
        opProgress = Math.max(opProgress, nextOpOffset);
        while (resolved.remove(halfProgress)) {
            halfProgress++;
        }
        dirty = true;
    }

    /**
     * Moves the half progress to at least {@code offset} (the half queue's minimum after
     * retention removed older halves), forgetting what lies below.
     */
    synchronized void skipTo(long offset) {
        if (offset <= halfProgress) {
            return;
        }
        halfProgress = offset;
        resolved.headSet(offset).clear();
        checks.keySet().removeIf(half -> half < offset);
        claimed.removeIf(half -> half < offset);
        while (resolved.remove(halfProgress)) {
            halfProgress++;
        }
        dirty = true;
    }

    /** The op-queue offset to fold from. */
    synchronized long opProgress() {
        return opProgress;
    }

    /** The first half that may still be open. */
    synchronized long halfProgress() {
        return halfProgress;
    }

    /** How often the half was checked. */
    synchronized int checks(long halfOffset) {
        return checks.getOrDefault(halfOffset, 0);
    }

    /** Counts one more check of the half; returns the new count. */
    synchronized int countCheck(long halfOffset) {
        dirty = true;
        return checks.merge(halfOffset, 1, Integer::sum);
    }

    /** Writes the book if it changed since the last write. */
    synchronized void persist() {
        if (!dirty) {
            return;
        }
        file.write(new Snapshot(halfProgress, opProgress, new ArrayList<>(resolved), new TreeMap<>(checks)));
        dirty = false;
    }
}
