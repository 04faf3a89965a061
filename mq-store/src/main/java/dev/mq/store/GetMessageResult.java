package dev.mq.store;

import dev.mq.store.internal.SegmentSlice;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Messages read from one queue, as the stored record bytes (read-only slices of the commit log,
 * no copying), plus where to continue. Close it once the bytes are sent: until then the slices
 * keep their segments mapped.
 */
public final class GetMessageResult implements AutoCloseable {

    private final GetMessageStatus status;
    private final long nextBeginOffset;
    private final long minOffset;
    private final long maxOffset;
    private final List<SegmentSlice> slices;
    private final List<ByteBuffer> buffers;
    private final long firstQueueOffset;
    private final int totalBytes;

    GetMessageResult(GetMessageStatus status, long nextBeginOffset, long minOffset, long maxOffset,
                     List<SegmentSlice> slices, long firstQueueOffset) {
        this.status = status;
        this.nextBeginOffset = nextBeginOffset;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.slices = slices;
        List<ByteBuffer> views = new ArrayList<>(slices.size());
        int bytes = 0;
        for (SegmentSlice slice : slices) {
            views.add(slice.buffer());
            bytes += slice.buffer().remaining();
        }
        this.buffers = Collections.unmodifiableList(views);
        this.firstQueueOffset = firstQueueOffset;
        this.totalBytes = bytes;
    }

    static GetMessageResult empty(GetMessageStatus status, long nextBeginOffset, long minOffset, long maxOffset) {
        return new GetMessageResult(status, nextBeginOffset, minOffset, maxOffset, List.of(), -1);
    }

    public GetMessageStatus status() {
        return status;
    }

    /** The offset to read from next time. */
    public long nextBeginOffset() {
        return nextBeginOffset;
    }

    public long minOffset() {
        return minOffset;
    }

    /** The next offset to be written in the queue. */
    public long maxOffset() {
        return maxOffset;
    }

    /** One read-only buffer per message, each holding exactly one stored record. */
    public List<ByteBuffer> messages() {
        return buffers;
    }

    public int messageCount() {
        return buffers.size();
    }

    /** Queue offset of the first returned message, -1 if none. */
    public long firstQueueOffset() {
        return firstQueueOffset;
    }

    /** Sum of the returned records' sizes. */
    public int totalBytes() {
        return totalBytes;
    }

    /** Releases the segments; the buffers must not be used afterwards. Idempotent. */
    @Override
    public void close() {
        for (SegmentSlice slice : slices) {
            slice.close();
        }
    }
}
