package dev.mq.store.internal;

import java.nio.ByteBuffer;

/**
 * Puts the pages a consume queue's writer is about to write through the mapping into the page
 * cache first, through the file channel, so that the write never faults on a page the cache does
 * not hold.
 *
 * <p>Why: such a fault makes the kernel read around the page, as far as the device's
 * {@code read_ahead_kb} (8 MiB on the dev VM, more than a whole 6 MB queue file). The first
 * entry of a new queue then took 5 to 13 ms on the dispatcher thread, holding up every other
 * queue behind it, and left the queue's whole file in the page cache. A positional write or read
 * of one page does no such read-around.
 *
 * <p>A page wholly beyond the queue's entries gets zeros written (it holds zeros already: nothing
 * is ever written beyond the end, and recovery zeroes what lies there); a page that may hold
 * entries is read once. Writer-confined: one instance per queue, used by the thread that puts.
 */
final class QueueTailPages {

    private static final int PAGE = MappedFile.PAGE;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(PAGE).asReadOnlyBuffer();

    /** The file whose bytes below {@link #readyUpTo} were brought into the cache. */
    private MappedFile file;
    private int readyUpTo;

    /**
     * Brings the pages of {@code [position, position + length)} of {@code target} into the page
     * cache unless that was done already.
     *
     * @param dataEnd bytes of {@code target} below which it may hold entries
     */
    void prepare(MappedFile target, int position, int length, int dataEnd) {
        int end = position + length;
        if (target == file && end <= readyUpTo) {
            return;
        }
        int from = position & -PAGE;
        if (target == file) {
            from = Math.max(from, readyUpTo);
        }
        int to = (int) Math.min(target.size(), ((long) end + PAGE - 1) & -PAGE);
        for (int page = from; page < to; page += PAGE) {
            int pageEnd = Math.min(page + PAGE, target.size());
            if (page < dataEnd) {
                target.read(ByteBuffer.allocate(pageEnd - page), page);
            } else {
                ByteBuffer zeros = ZEROS.duplicate();
                zeros.limit(pageEnd - page);
                target.write(zeros, page);
            }
        }
        file = target;
        readyUpTo = to;
    }
}
