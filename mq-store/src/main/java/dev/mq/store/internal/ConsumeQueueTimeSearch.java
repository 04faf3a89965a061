package dev.mq.store.internal;

import dev.mq.store.BoundaryType;

/**
 * Finds a queue offset by store time in one consume queue: a binary search over the queue's
 * valid entries, reading each candidate's store time from the commit log. Store times never
 * decrease along a queue; entries whose record is gone from the commit log (a prefix of the
 * queue, lookup -1) are not candidates. One search per instance; not thread-safe.
 */
final class ConsumeQueueTimeSearch {

    /** The queue's read access the search needs. */
    @FunctionalInterface
    interface ValidEntries {

        /** The first valid (non-gap) entry in {@code [from, limit)}, left in {@code probe}; -1 if none. */
        long firstValid(long from, long limit, EntryBatch probe);
    }

    /** A condition on an entry, false for a prefix of the queue and true after it. */
    @FunctionalInterface
    private interface EntryCondition {
        boolean test(long commitLogOffset, int size);
    }

    private final ValidEntries entries;
    private final StoreTimeLookup lookup;
    private final EntryBatch probe = new EntryBatch(1);
    /** After {@link #firstMatching}: the first entry meeting the condition. */
    private long matching;
    /** After {@link #firstMatching}: the last valid entry before {@link #matching}, -1 if none. */
    private long lastFailing;

    ConsumeQueueTimeSearch(ValidEntries entries, StoreTimeLookup lookup) {
        this.entries = entries;
        this.lookup = lookup;
    }

    /**
     * Searches {@code [min, max)}.
     * <ul>
     *   <li>{@link BoundaryType#LOWER}: the smallest offset whose store time is
     *       {@code >= timestamp}; {@code max} if there is none.</li>
     *   <li>{@link BoundaryType#UPPER}: the largest offset whose store time is
     *       {@code <= timestamp}; {@code min} if there is none (every message is later).</li>
     * </ul>
     * With no live entry at all, LOWER gives {@code max} and UPPER {@code min}.
     */
    long offsetByTime(long min, long max, long timestamp, BoundaryType boundary) {
        if (min >= max) {
            return max;
        }
        firstMatching(min, max, (offset, size) -> lookup.storeTimestamp(offset, size) >= 0);
        long liveStart = matching;
        if (liveStart >= max) {
            return boundary == BoundaryType.LOWER ? max : min;
        }
        if (boundary == BoundaryType.LOWER) {
            firstMatching(liveStart, max, (offset, size) -> lookup.storeTimestamp(offset, size) >= timestamp);
            return matching;
        }
        firstMatching(liveStart, max, (offset, size) -> lookup.storeTimestamp(offset, size) > timestamp);
        return lastFailing >= 0 ? lastFailing : min;
    }

    /**
     * Binary search over the valid entries of {@code [lo, hi)}: sets {@link #matching} to the first
     * entry meeting {@code condition} ({@code hi} if none) and {@link #lastFailing} to the last valid
     * entry before it (-1 if none). Gap entries are stepped over to the next valid one.
     */
    private void firstMatching(long lo, long hi, EntryCondition condition) {
        long first = hi;
        long failing = -1;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            long valid = entries.firstValid(mid, hi, probe);
            if (valid < 0) {
                hi = mid;
            } else if (condition.test(probe.commitLogOffset(0), probe.size(0))) {
                first = valid;
                hi = mid;
            } else {
                failing = valid;
                lo = valid + 1;
            }
        }
        matching = first;
        lastFailing = failing;
    }
}
