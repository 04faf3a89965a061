package dev.mq.apache.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Apache's name server writes JSON bodies with fastjson2, which leaves number-typed map keys
 * unquoted: a cluster info's {@code "brokerAddrs":{0:"127.0.0.1:10911"}}. Strict parsers, our
 * {@code RemotingJson} among them, refuse that. {@link #quoteNumberKeys} puts the quotes in, so that
 * such a body parses; it changes nothing else and leaves standard JSON as it is.
 */
final class ApacheJson {

    private ApacheJson() {
    }

    /** The body with every object key that is a bare number put in double quotes. */
    static byte[] quoteNumberKeys(byte[] body) {
        if (body == null) {
            return null;
        }
        String json = new String(body, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(json.length() + 16);
        boolean inString = false;
        boolean keyMayFollow = false; // after '{' or ',' inside an object
        Deque<Character> containers = new ArrayDeque<>();
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                i++;
                continue;
            }
            if (keyMayFollow && (c == '-' || (c >= '0' && c <= '9'))) {
                int end = i + 1;
                while (end < json.length() && "0123456789+-.eE".indexOf(json.charAt(end)) >= 0) {
                    end++;
                }
                int next = end;
                while (next < json.length() && Character.isWhitespace(json.charAt(next))) {
                    next++;
                }
                if (next < json.length() && json.charAt(next) == ':') {
                    out.append('"').append(json, i, end).append('"');
                } else {
                    out.append(json, i, end);
                }
                keyMayFollow = false;
                i = end;
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    keyMayFollow = false;
                }
                case '{' -> {
                    containers.push('{');
                    keyMayFollow = true;
                }
                case '[' -> {
                    containers.push('[');
                    keyMayFollow = false;
                }
                case '}', ']' -> {
                    containers.poll();
                    keyMayFollow = false;
                }
                case ',' -> keyMayFollow = !containers.isEmpty() && containers.peek() == '{';
                default -> {
                    if (!Character.isWhitespace(c)) {
                        keyMayFollow = false;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
