package dev.mq.protocol;

import dev.mq.protocol.JsonTokenizer.Token;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads a JSON header (serialize type 0) into a {@link RemotingCommand}: in place from a heap
 * frame buffer's array, or after one bulk copy of a direct buffer's header bytes into an array this
 * thread keeps for the purpose (faster and leaner than reading the buffer byte by byte, measured
 * with {@code CodecBenchmark}).
 *
 * <p>Input is lenient, as Apache peers are: keys may come in any order, unknown keys (with values
 * of any shape) are skipped, missing keys keep their defaults (version 0, everything else as in a
 * new command), JSON {@code null} leaves a field as it is ({@code remark} becomes {@code null}),
 * numbers and booleans are accepted where strings are expected and numeric strings where ints are
 * expected, and {@code language} may be a name or a code. Top-level keys are matched against their
 * bytes; only ext field names and values, the remark and unusual spellings become Strings.
 */
final class JsonHeaderReader {

    private static final int CODE = 0;
    private static final int FLAG = 1;
    private static final int OPAQUE = 2;
    private static final int VERSION = 3;
    private static final int LANGUAGE = 4;
    private static final int REMARK = 5;
    private static final int EXT_FIELDS = 6;

    /** The header keys, indexed by the constants above. */
    private static final byte[][] KEYS = ascii("code", "flag", "opaque", "version", "language", "remark", "extFields");

    /** Room in a decoded command's ext-field table: a send header (V2) has 14 fields. */
    private static final int DECODED_EXT_FIELDS = 16;

    /** Scratch arrays up to this size are kept for the thread's next header; larger ones are not. */
    private static final int MAX_KEPT_SCRATCH = 64 * 1024;

    /** This thread's decoding scratch: one lookup per header. */
    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    /** What one decoding thread keeps from one header to the next. */
    private static final class Scratch {
        /** The header bytes of a direct buffer, copied in one go. */
        byte[] bytes = new byte[1024];
        /** Where escaped strings (a message's properties, whose U+0001 and U+0002 separators JSON escapes) are decoded. */
        char[] chars = new char[512];
        /** Ext field names and values repeat from one request to the next. */
        final RepeatedStrings repeated = new RepeatedStrings();
    }

    private static final LanguageCode[] LANGUAGES = LanguageCode.values();
    private static final byte[][] LANGUAGE_NAMES = languageNames();

    private JsonHeaderReader() {
    }

    /**
     * Reads a JSON header of {@code length} bytes from {@code in}, advancing its reader index past
     * them (also when they are malformed).
     *
     * @throws MalformedFrameException if the bytes are not a JSON object of header fields
     */
    static RemotingCommand read(ByteBuf in, int length) {
        Scratch scratch = SCRATCH.get();
        byte[] bytes;
        int start;
        if (in.hasArray()) {
            bytes = in.array();
            start = in.arrayOffset() + in.readerIndex();
        } else {
            bytes = headerBytes(scratch, length);
            start = 0;
            in.getBytes(in.readerIndex(), bytes, 0, length);
        }
        in.skipBytes(length);
        JsonTokenizer json = new JsonTokenizer(bytes, start, start + length, scratch.chars);
        if (!json.startObject()) {
            throw new MalformedFrameException("JSON header is not a JSON object");
        }
        RemotingCommand command = new RemotingCommand(DECODED_EXT_FIELDS).setVersion(0);
        for (boolean first = true; json.nextProperty(first); first = false) {
            int key = json.matchName(KEYS);
            Token value = json.nextValue();
            switch (key) {
                case CODE -> command.setCode(readInt(json, value, "code", command.code()));
                case FLAG -> command.setFlag(readInt(json, value, "flag", command.flag()));
                case OPAQUE -> command.setOpaque(readInt(json, value, "opaque", command.opaque()));
                case VERSION -> command.setVersion(readInt(json, value, "version", command.version()));
                case LANGUAGE -> readLanguage(json, value, command);
                case REMARK -> command.setRemark(readScalarText(json, value, "", "remark", scratch.repeated));
                case EXT_FIELDS -> readExtFields(json, value, command.extFields(), scratch.repeated);
                default -> json.skip(value);
            }
        }
        if (!json.atEnd()) {
            throw new MalformedFrameException(
                    "unexpected content after the JSON header object at byte " + json.offset());
        }
        if (json.chars().length <= MAX_KEPT_SCRATCH) {
            scratch.chars = json.chars();
        }
        return command;
    }

    private static int readInt(JsonTokenizer json, Token value, String name, int defaultValue) {
        switch (value) {
            case VALUE_NUMBER_INT -> {
                return json.intValue(name);
            }
            case VALUE_NULL -> {
                return defaultValue;
            }
            case VALUE_STRING -> {
                String text = json.stringValue();
                try {
                    return Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    throw new MalformedFrameException(
                            "JSON header field '" + name + "' is not an int: '" + text + "'", e);
                }
            }
            default -> throw new MalformedFrameException("JSON header field '" + name + "' must be an int, not " + value);
        }
    }

    private static void readLanguage(JsonTokenizer json, Token value, RemotingCommand command) {
        if (value == Token.VALUE_STRING) {
            int index = json.matchName(LANGUAGE_NAMES);
            command.setLanguage(index >= 0 ? LANGUAGES[index] : LanguageCode.OTHER);
        } else if (value == Token.VALUE_NUMBER_INT) {
            command.setLanguage(LanguageCode.fromCode(json.intValue("language")));
        } else if (value != Token.VALUE_NULL) {
            throw new MalformedFrameException("JSON header field 'language' must be a name, not " + value);
        }
    }

    /**
     * Text of a string, number or boolean; {@code null} for JSON null. {@code prefix + name} names
     * the field in the error (concatenated only then).
     */
    private static String readScalarText(JsonTokenizer json, Token value, String prefix, String name,
            RepeatedStrings repeated) {
        return switch (value) {
            case VALUE_STRING -> json.stringValue(repeated);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> json.numberText(repeated);
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> throw new MalformedFrameException(
                    "JSON header field '" + prefix + name + "' must be a string, number or boolean, not " + value);
        };
    }

    private static void readExtFields(JsonTokenizer json, Token value, Map<String, String> extFields,
            RepeatedStrings repeated) {
        if (value == Token.VALUE_NULL) {
            return;
        }
        if (value != Token.START_OBJECT) {
            throw new MalformedFrameException("JSON header field 'extFields' must be an object, not " + value);
        }
        for (boolean first = true; json.nextProperty(first); first = false) {
            String name = json.stringValue(repeated);
            String text = readScalarText(json, json.nextValue(), "extFields.", name, repeated);
            if (text != null) {
                extFields.put(name, text);
            }
        }
    }

    /**
     * This thread's array for the header bytes of a direct buffer, at least {@code length} long;
     * one bulk copy there makes the scan and the Strings cheaper than reading the buffer byte by byte.
     */
    private static byte[] headerBytes(Scratch scratch, int length) {
        if (scratch.bytes.length >= length) {
            return scratch.bytes;
        }
        byte[] larger = new byte[length];
        if (length <= MAX_KEPT_SCRATCH) {
            scratch.bytes = larger;
        }
        return larger;
    }

    private static byte[][] languageNames() {
        String[] names = new String[LANGUAGES.length];
        for (int i = 0; i < LANGUAGES.length; i++) {
            names[i] = LANGUAGES[i].name();
        }
        return ascii(names);
    }

    private static byte[][] ascii(String... texts) {
        byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            bytes[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
