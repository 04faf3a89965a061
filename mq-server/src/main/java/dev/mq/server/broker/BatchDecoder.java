package dev.mq.server.broker;

import dev.mq.protocol.RemotingCommandException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SEND_BATCH_MESSAGE body into its messages. Each is: TOTALSIZE int, MAGICCODE int,
 * BODYCRC int, FLAG int, BODYLENGTH int + body, PROPERTIESLENGTH short + properties.
 */
final class BatchDecoder {

    /** One message of a batch. */
    record Entry(int flag, byte[] body, String properties) {
    }

    private BatchDecoder() {
    }

    static List<Entry> decode(byte[] batch) {
        if (batch == null || batch.length == 0) {
            throw new RemotingCommandException("the batch has no messages");
        }
        ByteBuffer buf = ByteBuffer.wrap(batch);
        List<Entry> entries = new ArrayList<>();
        while (buf.hasRemaining()) {
            int start = buf.position();
            if (buf.remaining() < 22) {
                throw new RemotingCommandException("batch message at byte " + start + " is truncated");
            }
            int totalSize = buf.getInt();
            buf.getInt(); // magic, written as 0 by clients
            buf.getInt(); // body CRC, written as 0 by clients
            int flag = buf.getInt();
            int bodyLength = buf.getInt();
            if (bodyLength < 0 || bodyLength > buf.remaining() - 2) {
                throw new RemotingCommandException("batch message at byte " + start + " has a bad body length " + bodyLength);
            }
            byte[] body = new byte[bodyLength];
            buf.get(body);
            int propertiesLength = buf.getShort() & 0xFFFF;
            if (propertiesLength > buf.remaining()) {
                throw new RemotingCommandException("batch message at byte " + start + " has bad properties length");
            }
            byte[] properties = new byte[propertiesLength];
            buf.get(properties);
            if (buf.position() - start != totalSize) {
                throw new RemotingCommandException("batch message at byte " + start + " says " + totalSize
                        + " bytes but holds " + (buf.position() - start));
            }
            entries.add(new Entry(flag, body, new String(properties, StandardCharsets.UTF_8)));
        }
        return entries;
    }
}
