package dev.mq.client.internal;

import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * Names of request and response codes for error messages ("13 MESSAGE_ILLEGAL"), read once from
 * {@link RequestCode} and {@link ResponseCode} so they never disagree with them.
 */
public final class Codes {

    private static final Map<Integer, String> REQUESTS = names(RequestCode.class);
    private static final Map<Integer, String> RESPONSES = names(ResponseCode.class);

    private Codes() {
    }

    /** "code NAME", e.g. "310 SEND_MESSAGE_V2", or just the number for an unknown code. */
    public static String request(int code) {
        String name = REQUESTS.get(code);
        return name == null ? Integer.toString(code) : code + " " + name;
    }

    /** "code NAME", e.g. "13 MESSAGE_ILLEGAL", or just the number for an unknown code. */
    public static String response(int code) {
        String name = RESPONSES.get(code);
        return name == null ? Integer.toString(code) : code + " " + name;
    }

    private static Map<Integer, String> names(Class<?> constants) {
        Map<Integer, String> names = new HashMap<>();
        for (Field field : constants.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                try {
                    names.putIfAbsent(field.getInt(null), field.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + field, e);
                }
            }
        }
        return Map.copyOf(names);
    }
}
