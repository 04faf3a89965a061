package dev.mq.client.internal.admin;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object read by {@link LenientJson}: member names are {@code String}s, or {@code JsonObject}s
 * where fastjson wrote an object as a map key. The accessors are lenient the way admin answers need:
 * a number may arrive as a string ({@code "12"}, as in KVTable values) or a string as a number, and a
 * missing member, a {@code null} and a value of the wrong kind all read as absent. Immutable.
 */
public final class JsonObject {

    private final Map<Object, Object> members;

    JsonObject(Map<Object, Object> members) {
        this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** The members in the order of the text. */
    public Map<Object, Object> members() {
        return members;
    }

    /** Whether a member of this name exists (even with a null value). */
    public boolean has(String name) {
        return members.containsKey(name);
    }

    /** The raw value of a member, or null. */
    public Object get(String name) {
        return members.get(name);
    }

    /** A member as text: a string, or a number or boolean in its JSON form; null when absent or not a scalar. */
    public String string(String name) {
        return text(members.get(name));
    }

    /** A member as a long (an integer, or a string holding one); null when absent or not a number. */
    public Long longValue(String name) {
        return toLong(members.get(name));
    }

    /** A member as a long, or {@code fallback} when absent or not a number. */
    public long longValue(String name, long fallback) {
        Long value = longValue(name);
        return value == null ? fallback : value;
    }

    /** A member as a double (a number, or a string holding one); null when absent or not a number. */
    public Double doubleValue(String name) {
        return toDouble(members.get(name));
    }

    /** A member as a boolean ({@code true}/{@code false}, or those words as strings); null otherwise. */
    public Boolean bool(String name) {
        Object value = members.get(name);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        return null;
    }

    /** A member that is an object, or null. */
    public JsonObject object(String name) {
        return members.get(name) instanceof JsonObject object ? object : null;
    }

    /** A member that is an object, or an empty object. */
    public JsonObject objectOrEmpty(String name) {
        JsonObject object = object(name);
        return object == null ? empty() : object;
    }

    /** A member that is an array, or an empty list. */
    @SuppressWarnings("unchecked")
    public List<Object> array(String name) {
        return members.get(name) instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** An empty object. */
    public static JsonObject empty() {
        return new JsonObject(Map.of());
    }

    /** A scalar as text, or null for objects, arrays and null. */
    public static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    /** A number, or a string holding one, as a long (fractions cut off); null otherwise. */
    public static Long toLong(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return decimal.longValue();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String s) {
            String trimmed = s.trim();
            try {
                return Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                try {
                    return new BigDecimal(trimmed).longValue();
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            }
        }
        return null;
    }

    /** A number, or a string holding one, as a double; null otherwise. */
    public static Double toDouble(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonObject object && members.equals(object.members);
    }

    @Override
    public int hashCode() {
        return Objects.hash(members);
    }

    @Override
    public String toString() {
        return "JsonObject" + members;
    }
}
