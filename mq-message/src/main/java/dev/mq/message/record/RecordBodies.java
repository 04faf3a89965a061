package dev.mq.message.record;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Bodies made of stored records placed back to back, the form of pull, query and view responses
 * ({@code remoting-protocol.md} section 4.1).
 */
public final class RecordBodies {

    private RecordBodies() {
    }

    /** The remaining bytes of each record, one after another, in a new array. */
    public static byte[] concatenate(List<ByteBuffer> records) {
        int total = 0;
        for (ByteBuffer record : records) {
            total += record.remaining();
        }
        byte[] body = new byte[total];
        int at = 0;
        for (ByteBuffer record : records) {
            int length = record.remaining();
            record.get(record.position(), body, at, length);
            at += length;
        }
        return body;
    }
}
