package dev.mq.store;

import dev.mq.store.internal.SegmentSlice;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Stored records found by a lookup (by key, unique id or commit-log offset), as read-only slices.
 * Close it when done: until then the slices keep their segments mapped.
 */
public final class StoredMessages implements AutoCloseable {

    private final List<SegmentSlice> slices;
    private final List<ByteBuffer> buffers;

    StoredMessages(List<SegmentSlice> slices) {
        this.slices = slices;
        List<ByteBuffer> views = new ArrayList<>(slices.size());
        for (SegmentSlice slice : slices) {
            views.add(slice.buffer());
        }
        this.buffers = Collections.unmodifiableList(views);
    }

    /** One buffer per record, newest first for key lookups. */
    public List<ByteBuffer> messages() {
        return buffers;
    }

    public boolean isEmpty() {
        return buffers.isEmpty();
    }

    public int size() {
        return buffers.size();
    }

    @Override
    public void close() {
        for (SegmentSlice slice : slices) {
            slice.close();
        }
    }
}
