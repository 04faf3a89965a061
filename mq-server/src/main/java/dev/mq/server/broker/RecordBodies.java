package dev.mq.server.broker;

import java.nio.ByteBuffer;
import java.util.List;

/** Response bodies made of stored records placed back to back (pull, query and view responses). */
final class RecordBodies {

    private RecordBodies() {
    }

    static byte[] concatenate(List<ByteBuffer> records) {
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
