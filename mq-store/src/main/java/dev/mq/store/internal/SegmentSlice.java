package dev.mq.store.internal;

import java.nio.ByteBuffer;

/**
 * A read-only slice of a mapped file together with the reference that keeps the mapping alive.
 * Close it exactly once when the bytes are no longer used.
 */
public final class SegmentSlice implements AutoCloseable {

    private final MappedFile file;
    private final ByteBuffer buffer;
    private boolean closed;

    SegmentSlice(MappedFile file, ByteBuffer buffer) {
        this.file = file;
        this.buffer = buffer;
    }

    /** The bytes; valid until {@link #close()}. */
    public ByteBuffer buffer() {
        return buffer;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            file.release();
        }
    }
}
