package dev.mq.message.record;

import dev.mq.message.MessageProperties;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where the values of a few named properties lie in one stored record, found by a single scan of
 * its properties ({@link RecordView#locateProperties}, or {@link #locate} over properties copied
 * elsewhere), so a reader that needs several of them (the dispatcher: tags, keys, unique key)
 * neither scans the properties once per name nor builds a {@code String} per value.
 *
 * <p>Hashes are {@link String#hashCode()} values, computed from the stored UTF-8 bytes: for ASCII
 * they are the bytes' polynomial; any other byte makes the range be decoded first, so the result
 * is always that of the decoded text. {@link #hash(int, int, int)} continues a hash, which gives
 * the hash of a concatenation ({@code prefix + value}) without building it.
 *
 * <p>A reusable flyweight, valid until the next {@link RecordView#locateProperties} call or until
 * the record's buffer changes; one per thread.
 */
public final class PropertyLocations {

    private final byte[][] names;
    private final int[] starts;
    private final int[] ends;
    private ByteBuffer buffer;
    private int found;

    /** Locations for these property names; a slot is the index of its name. */
    public PropertyLocations(String... names) {
        this.names = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            this.names[i] = names[i].getBytes(StandardCharsets.UTF_8);
        }
        this.starts = new int[names.length];
        this.ends = new int[names.length];
    }

    /**
     * Finds the values of this instance's names in the properties stored in {@code [start, end)} of
     * {@code buffer} (name 0x01 value 0x02 ..., as in a record) with one scan; the first pair of each
     * name counts, and the scan stops once all are found. Positions are absolute ones of
     * {@code buffer}, which the other methods then read.
     */
    public void locate(ByteBuffer buffer, int start, int end) {
        this.buffer = buffer;
        this.found = 0;
        Arrays.fill(starts, -1);
        int pair = start;
        while (pair < end && !complete()) {
            int separator = -1;
            int pairEnd = pair;
            while (pairEnd < end) {
                byte b = buffer.get(pairEnd);
                if (b == MessageProperties.PROPERTY_SEPARATOR) {
                    break;
                }
                if (b == MessageProperties.NAME_VALUE_SEPARATOR && separator < 0) {
                    separator = pairEnd;
                }
                pairEnd++;
            }
            if (separator >= 0) {
                offer(pair, separator, pairEnd);
            }
            pair = pairEnd + 1;
        }
    }

    /** Locates the pair named {@code [nameStart, nameEnd)} if it is the first of a wanted name. */
    private void offer(int nameStart, int nameEnd, int pairEnd) {
        int length = nameEnd - nameStart;
        for (int slot = 0; slot < names.length; slot++) {
            byte[] name = names[slot];
            if (!located(slot) && name.length == length && regionEquals(nameStart, name)) {
                locate(slot, nameEnd + 1, pairEnd);
                return;
            }
        }
    }

    private boolean regionEquals(int at, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (buffer.get(at + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether every name has been found (the scan may stop). */
    private boolean complete() {
        return found == names.length;
    }

    /** Whether a pair named as {@code slot} has been seen (the first one counts). */
    private boolean located(int slot) {
        return starts[slot] >= 0;
    }

    /** Records that the value of {@code slot} lies in {@code [start, end)}. */
    private void locate(int slot, int start, int end) {
        starts[slot] = start;
        ends[slot] = end;
        found++;
    }

    /** Whether the property of {@code slot} is present with a non-empty value. */
    public boolean present(int slot) {
        return starts[slot] >= 0 && ends[slot] > starts[slot];
    }

    /** Absolute buffer position of the first value byte of {@code slot} (only if {@link #present}). */
    public int start(int slot) {
        return starts[slot];
    }

    /** Absolute buffer position just past the value of {@code slot} (only if {@link #present}). */
    public int end(int slot) {
        return ends[slot];
    }

    /** The byte at absolute position {@code at} of the record's buffer. */
    public byte byteAt(int at) {
        return buffer.get(at);
    }

    /** The value of {@code slot} as text; null when absent or empty, as {@link RecordView#property} returns. */
    public String value(int slot) {
        return present(slot) ? text(starts[slot], ends[slot]) : null;
    }

    /** {@link #hash(int, int, int)} over the whole value of {@code slot} (only if {@link #present}). */
    public int valueHash(int slot, int hash) {
        return hash(starts[slot], ends[slot], hash);
    }

    /**
     * Continues {@code hash} (the {@link String#hashCode()} of some prefix) over the text stored in
     * {@code [from, to)}: the result is {@code (prefix + text).hashCode()}.
     */
    public int hash(int from, int to, int hash) {
        int h = hash;
        for (int i = from; i < to; i++) {
            byte b = buffer.get(i);
            if (b < 0) {
                return continueHash(hash, text(from, to));
            }
            h = 31 * h + b;
        }
        return h;
    }

    /** Continues {@code hash} over the characters of {@code text}, as {@link String#hashCode()} would. */
    public static int continueHash(int hash, String text) {
        int h = hash;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    private String text(int from, int to) {
        byte[] bytes = new byte[to - from];
        buffer.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
