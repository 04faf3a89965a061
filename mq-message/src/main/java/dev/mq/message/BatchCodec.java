package dev.mq.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a SEND_BATCH_MESSAGE ({@code remoting-protocol.md} section 4.6): the messages one
 * after another, each TOTALSIZE int, MAGICCODE int (0), BODYCRC int (0), FLAG int, BODYLENGTH int +
 * body, PROPERTIESLENGTH short + properties (UTF-8).
 */
public final class BatchCodec {

    /** Bytes of one entry besides its body and properties. */
    private static final int ENTRY_OVERHEAD = 4 + 4 + 4 + 4 + 4 + 2;

    /**
     * One message of a batch.
     *
     * @param flag       the application's message flag
     * @param body       the body
     * @param properties the message's own properties string ({@link MessageProperties})
     */
    public record Entry(int flag, byte[] body, String properties) {
    }

    private BatchCodec() {
    }

    /**
     * Splits a batch body into its messages.
     *
     * @throws InvalidMessageException if the body is empty, or an entry is truncated or its lengths disagree
     */
    public static List<Entry> decode(byte[] batch) {
        if (batch == null || batch.length == 0) {
            throw new InvalidMessageException("the batch has no messages");
        }
        ByteBuffer buf = ByteBuffer.wrap(batch);
        List<Entry> entries = new ArrayList<>();
        while (buf.hasRemaining()) {
            int start = buf.position();
            if (buf.remaining() < ENTRY_OVERHEAD) {
                throw new InvalidMessageException("batch message at byte " + start + " is truncated");
            }
            int totalSize = buf.getInt();
            buf.getInt(); // magic, written as 0 by clients
            buf.getInt(); // body CRC, written as 0 by clients
            int flag = buf.getInt();
            int bodyLength = buf.getInt();
            if (bodyLength < 0 || bodyLength > buf.remaining() - 2) {
                throw new InvalidMessageException("batch message at byte " + start + " has a bad body length "
                        + bodyLength);
            }
            byte[] body = new byte[bodyLength];
            buf.get(body);
            int propertiesLength = buf.getShort() & 0xFFFF;
            if (propertiesLength > buf.remaining()) {
                throw new InvalidMessageException("batch message at byte " + start + " has bad properties length");
            }
            byte[] properties = new byte[propertiesLength];
            buf.get(properties);
            if (buf.position() - start != totalSize) {
                throw new InvalidMessageException("batch message at byte " + start + " says " + totalSize
                        + " bytes but holds " + (buf.position() - start));
            }
            entries.add(new Entry(flag, body, new String(properties, StandardCharsets.UTF_8)));
        }
        return entries;
    }

    /**
     * Joins messages into a batch body, as the official clients write it (magic and body CRC 0).
     *
     * @throws InvalidMessageException if there are no messages, or a properties string is longer than
     *                                 {@value Short#MAX_VALUE} UTF-8 bytes
     */
    public static byte[] encode(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new InvalidMessageException("the batch has no messages");
        }
        List<byte[]> properties = new ArrayList<>(entries.size());
        int length = 0;
        for (Entry entry : entries) {
            byte[] text = entry.properties() == null ? new byte[0] : entry.properties().getBytes(StandardCharsets.UTF_8);
            if (text.length > Short.MAX_VALUE) {
                throw new InvalidMessageException("the properties of batch message " + properties.size() + " are "
                        + text.length + " UTF-8 bytes, more than " + Short.MAX_VALUE);
            }
            properties.add(text);
            length += ENTRY_OVERHEAD + entry.body().length + text.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(length);
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            byte[] text = properties.get(i);
            buf.putInt(ENTRY_OVERHEAD + entry.body().length + text.length);
            buf.putInt(0);
            buf.putInt(0);
            buf.putInt(entry.flag());
            buf.putInt(entry.body().length).put(entry.body());
            buf.putShort((short) text.length).put(text);
        }
        return buf.array();
    }
}
