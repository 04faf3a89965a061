package dev.mq.message.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where the values of a few named properties lie in one stored record, found by a single scan of
 * its properties ({@link RecordView#locateProperties}), so a reader that needs several of them
 * (the dispatcher: tags, keys, unique key) neither scans the properties once per name nor builds
 * a {@code String} per value.
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

    void reset(ByteBuffer buffer) {
        this.buffer = buffer;
        this.found = 0;
        Arrays.fill(starts, -1);
    }

    /** Whether every name has been found (the scan may stop). */
    boolean complete() {
        return found == names.length;
    }

    int slots() {
        return names.length;
    }

    /** The UTF-8 bytes of the name of {@code slot}. */
    byte[] name(int slot) {
        return names[slot];
    }

    /** Whether a pair named as {@code slot} has been seen (the first one counts). */
    boolean located(int slot) {
        return starts[slot] >= 0;
    }

    /** Records that the value of {@code slot} lies in {@code [start, end)}. */
    void locate(int slot, int start, int end) {
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
