package dev.mq.bench.load;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Body of an end-to-end message: a run id (so that messages of other runs on the same topic are
 * ignored), the sender's {@link System#nanoTime()} just before the send, then random filler. The
 * producer and the consumer live in the same JVM, so the two clock readings are comparable.
 */
final class E2eBody {

    /** Bytes of the run id and the send time. */
    static final int LENGTH = 16;

    private E2eBody() {
    }

    static byte[] create(int size, long runId, long sendNanos) {
        byte[] body = new byte[size];
        ThreadLocalRandom.current().nextBytes(body);
        ByteBuffer.wrap(body).putLong(runId).putLong(sendNanos);
        return body;
    }

    /** The send time, or {@link Long#MIN_VALUE} if the body is not one of this run's. */
    static long sendNanos(byte[] body, long runId) {
        if (body == null || body.length < LENGTH) {
            return Long.MIN_VALUE;
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        return buffer.getLong() == runId ? buffer.getLong() : Long.MIN_VALUE;
    }
}
