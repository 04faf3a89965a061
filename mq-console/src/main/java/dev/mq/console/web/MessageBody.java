package dev.mq.console.web;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A message body made readable: as text, as pretty-printed JSON, or as a hex dump. The format is
 * chosen by content (JSON objects and arrays as JSON, other UTF-8 text as text, anything else as hex)
 * unless a person asks for another one.
 *
 * @param format the format shown
 * @param text   the body in that format (the first {@link #SHOWN_TEXT} or {@link #SHOWN_HEX} bytes)
 * @param length the body's size in bytes
 * @param cut    whether the body is longer than what {@code text} shows
 */
public record MessageBody(Format format, String text, int length, boolean cut) {

    /** Bytes shown as text or JSON. */
    static final int SHOWN_TEXT = 1024 * 1024;
    /** Bytes shown as hex (a hex dump is four times the body's size). */
    static final int SHOWN_HEX = 64 * 1024;
    /** Characters of a preview in a list. */
    static final int PREVIEW = 80;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How a body is shown. */
    public enum Format {
        /** UTF-8 text as it is. */
        TEXT,
        /** A JSON object or array, indented. */
        JSON,
        /** Offsets, hex bytes and printable characters, 16 bytes a line. */
        HEX;

        /** The query parameter value, {@code text}, {@code json} or {@code hex}. */
        public String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Reads a query parameter; null or blank means "by content".
         *
         * @throws IllegalArgumentException for another value
         */
        static Optional<Format> parse(String value) {
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            for (Format format : values()) {
                if (format.parameter().equalsIgnoreCase(value.trim())) {
                    return Optional.of(format);
                }
            }
            throw new IllegalArgumentException("view must be text, json or hex, not '" + value + "'");
        }
    }

    /** The format chosen by content. */
    static Format detect(byte[] body) {
        Optional<String> text = utf8(body);
        if (text.isEmpty()) {
            return Format.HEX;
        }
        return json(text.get()).isPresent() ? Format.JSON : Format.TEXT;
    }

    /**
     * Shows {@code body} as {@code wanted}, or by content when nothing is wanted. JSON that does not
     * parse is shown as text, and text that is not UTF-8 as hex, so the page never shows garbage.
     */
    static MessageBody of(byte[] body, Optional<Format> wanted) {
        Format format = wanted.orElseGet(() -> detect(body));
        if (format == Format.JSON) {
            Optional<String> pretty = utf8(body).flatMap(MessageBody::json);
            if (pretty.isPresent()) {
                return new MessageBody(Format.JSON, pretty.get(), body.length, false);
            }
            format = Format.TEXT;
        }
        if (format == Format.TEXT) {
            Optional<String> text = utf8(body.length > SHOWN_TEXT ? cutUtf8(body, SHOWN_TEXT) : body);
            if (text.isPresent()) {
                return new MessageBody(Format.TEXT, text.get(), body.length, body.length > SHOWN_TEXT);
            }
        }
        return new MessageBody(Format.HEX, hex(body, SHOWN_HEX), body.length, body.length > SHOWN_HEX);
    }

    /** A one-line preview for lists: the start of the text, or the size of a binary body. */
    static String preview(byte[] body) {
        Optional<String> text = utf8(body.length > PREVIEW * 4 ? cutUtf8(body, PREVIEW * 4) : body);
        if (text.isEmpty()) {
            return "(" + body.length + " bytes, binary)";
        }
        String line = text.get().replaceAll("\\s+", " ").strip();
        return line.length() > PREVIEW ? line.substring(0, PREVIEW) + "…" : line;
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            boolean control = text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
            return control ? Optional.empty() : Optional.of(text);
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    /** The first {@code max} bytes, not splitting a UTF-8 sequence. */
    private static byte[] cutUtf8(byte[] bytes, int max) {
        int end = max;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    private static Optional<String> json(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return Optional.empty();
        }
        try {
            JsonNode tree = JSON.readTree(trimmed);
            return Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    private static String hex(byte[] bytes, int max) {
        int shown = Math.min(bytes.length, max);
        StringBuilder out = new StringBuilder(shown * 4 + 64);
        for (int line = 0; line < shown; line += 16) {
            out.append(String.format(Locale.ROOT, "%08x  ", line));
            StringBuilder chars = new StringBuilder(16);
            for (int i = line; i < line + 16; i++) {
                if (i < shown) {
                    int b = bytes[i] & 0xFF;
                    out.append(String.format(Locale.ROOT, "%02x ", b));
                    chars.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
                } else {
                    out.append("   ");
                }
                if (i == line + 7) {
                    out.append(' ');
                }
            }
            out.append(' ').append(chars).append('\n');
        }
        return out.toString();
    }
}
