package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.protocol.RemotingCommandException;
import dev.mq.protocol.body.RemotingJson;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the body of RESET_CONSUMER_CLIENT_OFFSET, Apache's ResetOffsetBody as fastjson writes it:
 * {@code {"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:42, ...}}}, a map whose keys are
 * objects, which is not standard JSON. A key written as a JSON string holding such an object is read
 * too.
 */
final class ResetOffsetBody {

    private final String text;
    private int position;

    private ResetOffsetBody(String text) {
        this.text = text;
    }

    /**
     * The offsets by queue.
     *
     * @throws RemotingCommandException when the body is not of this shape
     */
    static Map<MessageQueue, Long> parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new RemotingCommandException("the offset reset has no body");
        }
        return new ResetOffsetBody(new String(body, StandardCharsets.UTF_8)).offsets();
    }

    private Map<MessageQueue, Long> offsets() {
        int table = text.indexOf("\"offsetTable\"");
        if (table < 0) {
            throw malformed("no offsetTable");
        }
        position = table + "\"offsetTable\"".length();
        expect(':');
        expect('{');
        Map<MessageQueue, Long> offsets = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            return offsets;
        }
        while (true) {
            skipSpace();
            String keyJson = peek() == '"' ? unquote(string()) : object();
            dev.mq.protocol.body.MessageQueue key = RemotingJson.decode(keyJson.getBytes(StandardCharsets.UTF_8),
                    dev.mq.protocol.body.MessageQueue.class);
            expect(':');
            skipSpace();
            int start = position;
            while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '-')) {
                position++;
            }
            long offset;
            try {
                offset = Long.parseLong(text.substring(start, position));
            } catch (NumberFormatException e) {
                throw malformed("offset is not a number at " + start);
            }
            offsets.put(new MessageQueue(key.topic(), key.brokerName(), key.queueId()), offset);
            skipSpace();
            char next = next();
            if (next == '}') {
                return offsets;
            }
            if (next != ',') {
                throw malformed("',' or '}' expected at " + (position - 1));
            }
        }
    }

    /** A balanced {...} starting here, strings respected. */
    private String object() {
        int start = position;
        int depth = 0;
        do {
            char c = next();
            if (c == '"') {
                position--;
                string();
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
        } while (depth > 0);
        return text.substring(start, position);
    }

    /** A JSON string starting here, with its quotes. */
    private String string() {
        int start = position;
        expect('"');
        while (true) {
            char c = next();
            if (c == '\\') {
                next();
            } else if (c == '"') {
                return text.substring(start, position);
            }
        }
    }

    private static String unquote(String quoted) {
        return RemotingJson.decode(quoted.getBytes(StandardCharsets.UTF_8), String.class);
    }

    private void expect(char wanted) {
        skipSpace();
        if (next() != wanted) {
            throw malformed("'" + wanted + "' expected at " + (position - 1));
        }
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private char peek() {
        if (position >= text.length()) {
            throw malformed("it ends early");
        }
        return text.charAt(position);
    }

    private char next() {
        char c = peek();
        position++;
        return c;
    }

    private RemotingCommandException malformed(String problem) {
        return new RemotingCommandException("the offset reset body is not an offset table (" + problem + "): "
                + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
    }
}
