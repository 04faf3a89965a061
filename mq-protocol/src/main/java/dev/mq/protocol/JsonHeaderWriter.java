package dev.mq.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the JSON header (serialize type 0) of a command straight into the frame buffer.
 *
 * <p>The output is what fastjson writes and what the earlier Jackson-based codec wrote, byte for
 * byte: no whitespace, the keys in alphabetical order ({@code code, extFields, flag, language,
 * opaque, remark, serializeTypeCurrentRPC, version}), {@code extFields} only if there are any, in
 * the map's iteration order, and {@code remark} only if not {@code null}. Strings are escaped as
 * Jackson does by default: {@code "} and {@code \} with a backslash, {@code \b \t \n \f \r} by
 * their short escapes, the other control characters below U+0020 as {@code \}{@code u00XX} with
 * upper-case hex digits; everything else is written as UTF-8, unescaped. An unpaired surrogate is
 * written as {@code '?'}, as {@code String.getBytes(UTF_8)} does, so that the output is always
 * valid UTF-8.
 *
 * <p>Stateless; all methods are static.
 */
final class JsonHeaderWriter {

    private static final byte[] CODE = ascii("{\"code\":");
    private static final byte[] EXT_FIELDS = ascii(",\"extFields\":{");
    private static final byte[] FLAG_AFTER_NUMBER = ascii(",\"flag\":");
    private static final byte[] FLAG_AFTER_EXT_FIELDS = ascii("},\"flag\":");
    private static final byte[] LANGUAGE = ascii(",\"language\":\"");
    private static final byte[] OPAQUE = ascii("\",\"opaque\":");
    private static final byte[] REMARK = ascii(",\"remark\":");
    private static final byte[] SERIALIZE_TYPE_AND_VERSION = ascii(",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":");

    /** The enum names of the languages as bytes, by ordinal: they are plain ASCII and need no escaping. */
    private static final byte[][] LANGUAGE_NAMES = languageNames();

    private static final byte[] HEX_DIGITS = ascii("0123456789ABCDEF");

    /**
     * For each ASCII character: 0 if it is written as itself, {@code 'u'} if as {@code \}{@code u00XX},
     * otherwise the character that follows the backslash of its short escape.
     */
    private static final byte[] ESCAPES = escapes();

    private JsonHeaderWriter() {
    }

    /** Appends the JSON header of {@code command} to {@code out}, growing it as needed. */
    static void write(RemotingCommand command, ByteBuf out) {
        out.writeBytes(CODE);
        writeInt(command.code(), out);
        Map<String, String> extFields = command.extFields();
        if (extFields.isEmpty()) {
            out.writeBytes(FLAG_AFTER_NUMBER);
        } else {
            out.writeBytes(EXT_FIELDS);
            boolean first = true;
            for (Map.Entry<String, String> field : extFields.entrySet()) {
                if (!first) {
                    out.writeByte(',');
                }
                first = false;
                writeString(field.getKey(), out);
                out.writeByte(':');
                writeString(field.getValue(), out);
            }
            out.writeBytes(FLAG_AFTER_EXT_FIELDS);
        }
        writeInt(command.flag(), out);
        out.writeBytes(LANGUAGE);
        out.writeBytes(LANGUAGE_NAMES[command.languageCode().ordinal()]);
        out.writeBytes(OPAQUE);
        writeInt(command.opaque(), out);
        if (command.remark() != null) {
            out.writeBytes(REMARK);
            writeString(command.remark(), out);
        }
        out.writeBytes(SERIALIZE_TYPE_AND_VERSION);
        writeInt(command.version(), out);
        out.writeByte('}');
    }

    /** Appends {@code value} in decimal, without building a String. */
    static void writeInt(int value, ByteBuf out) {
        if (value == Integer.MIN_VALUE) {
            out.writeBytes(ascii(Integer.toString(value)));
            return;
        }
        if (value < 0) {
            out.writeByte('-');
            value = -value;
        }
        int digits = 1;
        for (int rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        out.ensureWritable(digits);
        int index = out.writerIndex() + digits;
        out.writerIndex(index);
        do {
            out.setByte(--index, '0' + value % 10);
            value /= 10;
        } while (value != 0);
    }

    /** Appends {@code text} as a quoted, escaped JSON string. */
    static void writeString(String text, ByteBuf out) {
        out.writeByte('"');
        int length = text.length();
        int plain = plainAsciiPrefix(text);
        if (plain == length) {
            out.writeCharSequence(text, StandardCharsets.US_ASCII);
        } else {
            writePlainAscii(text, plain, out);
            writeEscaped(text, plain, out);
        }
        out.writeByte('"');
    }

    /** Length of the leading run of characters that are ASCII and need no escaping. */
    private static int plainAsciiPrefix(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || ESCAPES[c] != 0) {
                return i;
            }
        }
        return length;
    }

    private static void writePlainAscii(String text, int end, ByteBuf out) {
        out.ensureWritable(end);
        int index = out.writerIndex();
        for (int i = 0; i < end; i++) {
            out.setByte(index + i, text.charAt(i));
        }
        out.writerIndex(index + end);
    }

    /** Writes {@code text} from {@code start} on, escaping and UTF-8 encoding character by character. */
    private static void writeEscaped(String text, int start, ByteBuf out) {
        int length = text.length();
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    out.writeByte(c);
                } else if (escape == 'u') {
                    out.writeByte('\\').writeByte('u').writeByte('0').writeByte('0')
                            .writeByte(HEX_DIGITS[c >> 4]).writeByte(HEX_DIGITS[c & 0xF]);
                } else {
                    out.writeByte('\\').writeByte(escape);
                }
            } else if (c < 0x800) {
                out.writeByte(0xC0 | c >> 6).writeByte(0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out.writeByte(0xE0 | c >> 12).writeByte(0x80 | c >> 6 & 0x3F).writeByte(0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                out.writeByte(0xF0 | codePoint >> 18).writeByte(0x80 | codePoint >> 12 & 0x3F)
                        .writeByte(0x80 | codePoint >> 6 & 0x3F).writeByte(0x80 | codePoint & 0x3F);
            } else {
                out.writeByte('?');
            }
        }
    }

    private static byte[] escapes() {
        byte[] escapes = new byte[0x80];
        for (int c = 0; c < 0x20; c++) {
            escapes[c] = 'u';
        }
        escapes['\b'] = 'b';
        escapes['\t'] = 't';
        escapes['\n'] = 'n';
        escapes['\f'] = 'f';
        escapes['\r'] = 'r';
        escapes['"'] = '"';
        escapes['\\'] = '\\';
        return escapes;
    }

    private static byte[][] languageNames() {
        LanguageCode[] languages = LanguageCode.values();
        byte[][] names = new byte[languages.length][];
        for (LanguageCode language : languages) {
            names[language.ordinal()] = ascii(language.name());
        }
        return names;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
