package dev.mq.server.broker.stats;

/**
 * The last few samples of one or more running totals, taken at increasing times; the oldest is
 * overwritten when the ring is full. Not thread-safe: its owner guards it.
 */
final class SampleRing {

    private final long[] times;
    private final long[][] columns;
    private int newest = -1;
    private int size;

    /**
     * @param capacity how many samples are kept
     * @param columns  how many totals each sample holds
     */
    SampleRing(int capacity, int columns) {
        this.times = new long[capacity];
        this.columns = new long[columns][capacity];
    }

    /** Adds a sample of the totals (one value per column) taken at {@code time}. */
    void add(long time, long... totals) {
        newest = (newest + 1) % times.length;
        times[newest] = time;
        for (int c = 0; c < columns.length; c++) {
            columns[c][newest] = totals[c];
        }
        size = Math.min(size + 1, times.length);
    }

    int size() {
        return size;
    }

    /**
     * Where a window that should start at {@code from} starts, written into {@code start} as the time
     * followed by one total per column: the newest sample taken at or before {@code from}. The totals
     * were all 0 before counting began at {@code countingSince}, so without such a sample a window
     * reaching back before that begins at {@code from} with zeros, and one that does not begins at
     * {@code countingSince} with zeros (at most one sample step early). Only when the ring has
     * dropped samples without keeping one that old (the sampler ran late) does the window begin at
     * the oldest sample kept.
     */
    void windowStart(long from, long countingSince, long[] start) {
        int index = -1;
        for (int age = 0; age < size; age++) {
            int i = Math.floorMod(newest - age, times.length);
            if (times[i] <= from) {
                index = i;
                break;
            }
        }
        if (index < 0 && size == times.length) {
            index = Math.floorMod(newest - (size - 1), times.length);
        }
        if (index < 0) {
            start[0] = Math.min(from, countingSince);
            java.util.Arrays.fill(start, 1, start.length, 0L);
            return;
        }
        start[0] = times[index];
        for (int c = 0; c < columns.length; c++) {
            start[c + 1] = columns[c][index];
        }
    }
}
