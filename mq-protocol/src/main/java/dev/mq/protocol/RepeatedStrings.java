package dev.mq.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The Strings of short Latin-1 texts one thread decoded lately, so that a header carrying the same
 * text again (ext field names, and values such as the topic, the group or a flag) gets the String
 * it got before instead of a new one. Direct-mapped by a hash of the bytes: a text that never
 * repeats (a timestamp) costs one hash and replaces one entry, nothing more.
 *
 * <p>Not thread-safe: one instance per decoding thread.
 */
final class RepeatedStrings {

    /** Longer texts are rarely repeated and are not kept. */
    static final int MAX_LENGTH = 64;

    private static final int SLOTS = 512;

    private final String[] slots = new String[SLOTS];

    /** The text of {@code bytes[start, end)}, each byte one char (ISO-8859-1). */
    String of(byte[] bytes, int start, int end) {
        int length = end - start;
        if (length > MAX_LENGTH) {
            return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + bytes[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String kept = slots[slot];
        if (kept != null && sameText(kept, bytes, start, length)) {
            return kept;
        }
        String text = new String(bytes, start, length, StandardCharsets.ISO_8859_1);
        slots[slot] = text;
        return text;
    }

    private static boolean sameText(String text, byte[] bytes, int start, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != (char) (bytes[start + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
