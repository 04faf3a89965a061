package dev.mq.client.internal.admin;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON that RocketMQ-family brokers and name servers write into admin answers, including
 * what standard JSON parsers refuse but Apache's fastjson writes and reads:
 * <ul>
 *   <li>objects as map keys: {@code {"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:{...}}}}
 *       (maps keyed by message queue, in ConsumeStats, TopicStatsTable, ResetOffsetBody, ...);</li>
 *   <li>bare number and identifier keys: {@code {"brokerAddrs":{0:"127.0.0.1:10911"}}};</li>
 *   <li>single-quoted strings, and a trailing comma before a closing bracket.</li>
 * </ul>
 *
 * <p>The result is a tree of {@link JsonObject} (keys are {@code String}s, or {@code JsonObject}s for
 * object keys), {@code List<Object>}, {@code String}, {@code Long} (integers that fit) or
 * {@code BigDecimal} (any other number), {@code Boolean} and {@code null}. Readers of the tree are
 * lenient too: see {@link JsonObject}. Not thread-safe; each parse uses its own instance.
 */
public final class LenientJson {

    private final String text;
    private int at;

    private LenientJson(String text) {
        this.text = text;
    }

    /**
     * Parses a UTF-8 body.
     *
     * @throws IllegalArgumentException when it is not JSON in the sense above, naming the position
     */
    public static Object parse(byte[] body) {
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Parses a text.
     *
     * @throws IllegalArgumentException when it is not JSON in the sense above, naming the position
     */
    public static Object parse(String text) {
        LenientJson parser = new LenientJson(text);
        parser.skipSpace();
        Object value = parser.value();
        parser.skipSpace();
        if (parser.at < text.length()) {
            throw parser.error("unexpected text after the value");
        }
        return value;
    }

    /**
     * Parses a body that must be a JSON object.
     *
     * @throws IllegalArgumentException when it is empty, not JSON, or not an object
     */
    public static JsonObject parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("the answer has no body");
        }
        Object value = parse(body);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new IllegalArgumentException("expected a JSON object but found " + describe(value));
    }

    private Object value() {
        if (at >= text.length()) {
            throw error("unexpected end of the text");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"', '\'' -> string();
            default -> {
                if (c == '-' || c == '+' || (c >= '0' && c <= '9') || c == '.') {
                    yield number();
                }
                String word = identifier();
                yield switch (word) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    case "null" -> null;
                    default -> throw error("unexpected '" + word + "'");
                };
            }
        };
    }

    private JsonObject object() {
        at++; // {
        Map<Object, Object> members = new LinkedHashMap<>();
        skipSpace();
        while (true) {
            if (peek() == '}') {
                at++;
                return new JsonObject(members);
            }
            Object key = key();
            skipSpace();
            expect(':');
            skipSpace();
            members.put(key, value());
            skipSpace();
            char next = peek();
            if (next == ',') {
                at++;
                skipSpace();
            } else if (next != '}') {
                throw error("expected ',' or '}'");
            }
        }
    }

    /** A member name: a string, an object (fastjson's map keys), a number or a bare word. */
    private Object key() {
        char c = peek();
        if (c == '"' || c == '\'') {
            return string();
        }
        if (c == '{') {
            return object();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return numberText();
        }
        String word = identifier();
        if (word.isEmpty()) {
            throw error("expected a member name");
        }
        return word;
    }

    private List<Object> array() {
        at++; // [
        List<Object> values = new ArrayList<>();
        skipSpace();
        while (true) {
            if (peek() == ']') {
                at++;
                return values;
            }
            values.add(value());
            skipSpace();
            char next = peek();
            if (next == ',') {
                at++;
                skipSpace();
            } else if (next != ']') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        char quote = text.charAt(at++);
        StringBuilder out = null;
        int start = at;
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at);
            if (c == quote) {
                String result = out == null ? text.substring(start, at) : out.append(text, start, at).toString();
                at++;
                return result;
            }
            if (c == '\\') {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, start, at);
                at++;
                if (at >= text.length()) {
                    throw error("unterminated escape");
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("truncated \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            throw error("bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> out.append(escaped); // \" \\ \/ \' and anything else as itself
                }
                start = at;
            } else {
                at++;
            }
        }
    }

    private Object number() {
        String number = numberText();
        boolean integral = number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
        try {
            if (integral) {
                try {
                    return Long.parseLong(number.startsWith("+") ? number.substring(1) : number);
                } catch (NumberFormatException tooLong) {
                    return new BigDecimal(number);
                }
            }
            return new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw error("bad number '" + number + "'");
        }
    }

    private String numberText() {
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                at++;
            } else {
                break;
            }
        }
        if (start == at) {
            throw error("expected a number");
        }
        return text.substring(start, at);
    }

    private String identifier() {
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '%' || c == '-' || c == '.') {
                at++;
            } else {
                break;
            }
        }
        return text.substring(start, at);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek() {
        if (at >= text.length()) {
            throw error("unexpected end of the text");
        }
        return text.charAt(at);
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String problem) {
        int from = Math.max(0, at - 20);
        int to = Math.min(text.length(), at + 20);
        return new IllegalArgumentException("unreadable JSON at character " + at + ": " + problem + " (near '"
                + text.substring(from, to) + "')");
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonObject) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value.getClass().getSimpleName().toLowerCase() + " " + value;
    }
}
