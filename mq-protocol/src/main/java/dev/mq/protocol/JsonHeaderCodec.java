package dev.mq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON header (serialize type 0), read with Jackson's streaming API ({@link JsonHeaderWriter}
 * writes it).
 *
 * <p>Input is lenient: unknown keys are
 * skipped, missing keys keep their defaults, numbers and booleans are accepted where strings are
 * expected and numeric strings where ints are expected.
 */
final class JsonHeaderCodec {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonHeaderCodec() {
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
        try (JsonParser json = FACTORY.createParser(ObjectReadContext.empty(), array, offset, length)) {
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
        } catch (JacksonException e) {
            throw new MalformedFrameException("invalid JSON header: " + e.getOriginalMessage(), e);
        }
        return command;
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
