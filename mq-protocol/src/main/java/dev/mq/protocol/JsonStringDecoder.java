package dev.mq.protocol;

/**
 * Decodes the content of JSON strings that {@link JsonTokenizer} has already checked: escapes and
 * UTF-8, with Jackson's arithmetic for the odd forms Jackson let through (overlong sequences, and
 * 4-byte sequences beyond U+10FFFF, which become two chars that are not a valid pair). Jackson's
 * arithmetic differs between names and values for 4-byte sequences below U+10000, so the caller says which it decodes.
 *
 * <p>Stateless; all methods are static.
 */
final class JsonStringDecoder {

    private JsonStringDecoder() {
    }

    /**
     * Decodes the string content in {@code bytes[start, end)}, a property name if {@code name},
     * into {@code target}, which must have room for {@code end - start} chars (never fewer are needed).
     *
     * @return the number of chars decoded
     */
    static int decode(byte[] bytes, int start, int end, char[] target, boolean name) {
        int count = 0;
        int index = start;
        while (index < end) {
            byte next = bytes[index];
            if (next == '\\') {
                int escaped = bytes[index + 1];
                if (escaped == 'u') {
                    target[count++] = (char) (hexValue(bytes[index + 2]) << 12 | hexValue(bytes[index + 3]) << 8
                            | hexValue(bytes[index + 4]) << 4 | hexValue(bytes[index + 5]));
                    index += 6;
                } else {
                    target[count++] = unescaped(escaped);
                    index += 2;
                }
            } else if (next >= 0) {
                target[count++] = (char) next;
                index++;
            } else {
                int length = utf8Length(next);
                int codePoint = next & (0xFF >> (length + 1));
                for (int i = 1; i < length; i++) {
                    codePoint = codePoint << 6 | bytes[index + i] & 0x3F;
                }
                index += length;
                if (length < 4) {
                    target[count++] = (char) codePoint;
                } else {
                    // Jackson's arithmetic, also for the values beyond U+10FFFF that it lets through,
                    // and for the overlong ones below U+10000: their offset is negative, and there
                    // Jackson's names (0xD800 + high bits) and values (0xD800 | high bits) part ways.
                    int offsetCodePoint = codePoint - 0x10000;
                    int high = offsetCodePoint >> 10;
                    target[count++] = (char) (name ? 0xD800 + high : 0xD800 | high);
                    target[count++] = (char) (0xDC00 | offsetCodePoint & 0x3FF);
                }
            }
        }
        return count;
    }

    /** The char a one-letter escape ({@code \\b}, {@code \\n}, {@code \\"}, ...) stands for. */
    static char unescaped(int escaped) {
        return switch (escaped) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> (char) escaped; // '"', '\\' or '/'
        };
    }

    /** The value of a hex digit, or -1 if {@code digit} is not one. */
    static int hexValue(int digit) {
        if (digit >= '0' && digit <= '9') {
            return digit - '0';
        }
        if (digit >= 'a' && digit <= 'f') {
            return digit - 'a' + 10;
        }
        return digit >= 'A' && digit <= 'F' ? digit - 'A' + 10 : -1;
    }

    /** 2, 3 or 4 for a lead byte (0xC0..0xF7, overlong leads included, as Jackson), -1 for anything else. */
    static int utf8Length(byte lead) {
        int value = lead & 0xFF;
        if ((value & 0xE0) == 0xC0) {
            return 2;
        }
        if ((value & 0xF0) == 0xE0) {
            return 3;
        }
        return (value & 0xF8) == 0xF0 ? 4 : -1;
    }
}
