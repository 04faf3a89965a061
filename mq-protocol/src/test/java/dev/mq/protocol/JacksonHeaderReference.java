package dev.mq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON header codec as it was before {@link JsonHeaderWriter} and {@link JsonHeaderReader}
 * replaced it, written with Jackson's streaming API; kept, unchanged but for its name, a fresh
 * parser factory per read and the rejection of 0xFF bytes Jackson let through in names (see
 * {@link #read}), as the oracle the property tests compare the hand-written codec with.
 *
 * <p>Output has the keys in alphabetical order, as fastjson writes them, so that our frames are
 * byte-identical to Apache's for the same field values. Input is lenient: unknown keys are
 * skipped, missing keys keep their defaults, numbers and booleans are accepted where strings are
 * expected and numeric strings where ints are expected.
 */
final class JacksonHeaderReference {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    // read() takes a new factory each time, so that its answer does not depend on earlier reads: the
    // shared factory's table of property names made Jackson take the name bytes FF 75 (invalid UTF-8)
    // for "u" once "u" had been read, as name bytes are compared in 4-byte groups padded with 0xFF.

    private JacksonHeaderReference() {
    }

    /** Appends the JSON header of {@code command} to {@code out}. */
    static void write(RemotingCommand command, ByteBuf out) {
        try (JsonGenerator json = FACTORY.createGenerator(
                ObjectWriteContext.empty(), new ByteBufOutputStream(out), JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberProperty("code", command.code());
            Map<String, String> extFields = command.extFields();
            if (!extFields.isEmpty()) {
                json.writeName("extFields");
                json.writeStartObject();
                for (Map.Entry<String, String> field : extFields.entrySet()) {
                    json.writeStringProperty(wellFormed(field.getKey()), wellFormed(field.getValue()));
                }
                json.writeEndObject();
            }
            json.writeNumberProperty("flag", command.flag());
            json.writeStringProperty("language", command.language());
            json.writeNumberProperty("opaque", command.opaque());
            if (command.remark() != null) {
                json.writeStringProperty("remark", wellFormed(command.remark()));
            }
            json.writeStringProperty("serializeTypeCurrentRPC", SerializeType.JSON.name());
            json.writeNumberProperty("version", command.version());
            json.writeEndObject();
        } catch (JacksonException e) {
            throw new RemotingCommandException(
                    "cannot write the JSON header of " + command + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code text} with every unpaired surrogate replaced by {@code '?'}, as {@code String.getBytes(UTF_8)}
     * does: Jackson would otherwise write bytes that are not UTF-8 and the peer would reject the frame.
     */
    static String wellFormed(String text) {
        StringBuilder fixed = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (fixed == null) {
                fixed = new StringBuilder(text);
            }
            fixed.setCharAt(i, '?');
        }
        return fixed == null ? text : fixed.toString();
    }

    /**
     * Reads a JSON header of {@code length} bytes from {@code in}, advancing its reader index.
     *
     * @throws MalformedFrameException if the bytes are not a JSON object of header fields
     */
    static RemotingCommand read(ByteBuf in, int length) {
        byte[] array;
        int offset;
        if (in.hasArray()) {
            array = in.array();
            offset = in.arrayOffset() + in.readerIndex();
        } else {
            array = ByteBufUtil.getBytes(in, in.readerIndex(), length, false);
            offset = 0;
        }
        in.skipBytes(length);

        RemotingCommand command = new RemotingCommand().setVersion(0);
        try (JsonParser json = JsonFactory.builder().build().createParser(ObjectReadContext.empty(), array, offset, length)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedFrameException("JSON header is not a JSON object");
            }
            String name;
            while ((name = json.nextName()) != null) {
                JsonToken value = json.nextToken();
                switch (name) {
                    case "code" -> command.setCode(readInt(json, value, name, command.code()));
                    case "flag" -> command.setFlag(readInt(json, value, name, command.flag()));
                    case "opaque" -> command.setOpaque(readInt(json, value, name, command.opaque()));
                    case "version" -> command.setVersion(readInt(json, value, name, command.version()));
                    case "language" -> readLanguage(json, value, command);
                    case "remark" -> command.setRemark(readScalarText(json, value, name));
                    case "extFields" -> readExtFields(json, value, command);
                    default -> json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                throw new MalformedFrameException("JSON header object has a non-string key");
            }
            if (json.nextToken() != null) {
                throw new MalformedFrameException("unexpected content after the JSON header object");
            }
            // The same table of property names, within one header: it compares a name's last 4-byte group
            // padded with 0xFF, so a name whose last group begins with 0xFF bytes ({"u":1,"<FF>u":1}, or
            // "abcd<FF>e" after "abcde") is taken for the shorter name read before it, and Jackson accepts
            // it under that name. Everywhere else Jackson rejects 0xFF (in values, skipped values, between
            // tokens, and in the very same name when it comes first), so a header it accepted with 0xFF in
            // it can only be this case. 0xFF is never UTF-8 and Apache's fastjson peers never send it
            // (remoting-protocol.md 1.3): reading it as another key would let damage overwrite a field, so
            // the reference rejects it, as Jackson rejects that name when no name before it matches.
            if (containsFF(array, offset, length)) {
                throw new MalformedFrameException(
                        "invalid JSON header: invalid UTF-8 start byte 0xFF (Jackson took the name for an earlier one)");
            }
        } catch (JacksonException e) {
            throw new MalformedFrameException("invalid JSON header: " + e.getOriginalMessage(), e);
        }
        return command;
    }

    private static boolean containsFF(byte[] array, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (array[i] == (byte) 0xFF) {
                return true;
            }
        }
        return false;
    }

    private static int readInt(JsonParser json, JsonToken value, String name, int defaultValue) {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return json.getIntValue();
        }
        if (value == JsonToken.VALUE_NULL) {
            return defaultValue;
        }
        if (value == JsonToken.VALUE_STRING) {
            String text = json.getString();
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new MalformedFrameException("JSON header field '" + name + "' is not an int: '" + text + "'", e);
            }
        }
        throw new MalformedFrameException("JSON header field '" + name + "' must be an int, not " + value);
    }

    private static void readLanguage(JsonParser json, JsonToken value, RemotingCommand command) {
        if (value == JsonToken.VALUE_STRING) {
            command.setLanguage(LanguageCode.fromName(json.getString()));
        } else if (value == JsonToken.VALUE_NUMBER_INT) {
            command.setLanguage(LanguageCode.fromCode(json.getIntValue()));
        } else if (value != JsonToken.VALUE_NULL) {
            throw new MalformedFrameException("JSON header field 'language' must be a name, not " + value);
        }
    }

    /** Text of a string, number or boolean; {@code null} for JSON null. */
    private static String readScalarText(JsonParser json, JsonToken value, String name) {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value == null || !value.isScalarValue()) {
            throw new MalformedFrameException(
                    "JSON header field '" + name + "' must be a string, number or boolean, not " + value);
        }
        return json.getString();
    }

    private static void readExtFields(JsonParser json, JsonToken value, RemotingCommand command) {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            throw new MalformedFrameException("JSON header field 'extFields' must be an object, not " + value);
        }
        Map<String, String> extFields = command.extFields();
        String name;
        while ((name = json.nextName()) != null) {
            String text = readScalarText(json, json.nextToken(), "extFields." + name);
            if (text != null) {
                extFields.put(name, text);
            }
        }
    }
}
