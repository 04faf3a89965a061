package dev.mq.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RocketMQ properties string: {@code name \u0001 value \u0002} repeated, and the names of the
 * properties the store itself reads.
 *
 * <p>Parsing is lenient as the official client is: a segment counts only if it has a non-empty
 * name and a non-empty value.
 */
public final class MessageProperties {

    /** Separates a name from its value. */
    public static final char NAME_VALUE_SEPARATOR = '\u0001';
    /** Ends each name/value pair. */
    public static final char PROPERTY_SEPARATOR = '\u0002';


    private MessageProperties() {
    }

    /** Parses a properties string; never returns null. */
    public static Map<String, String> parse(String properties) {
        Map<String, String> map = new LinkedHashMap<>();
        if (properties == null || properties.isEmpty()) {
            return map;
        }
        int start = 0;
        int length = properties.length();
        while (start < length) {
            int end = properties.indexOf(PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            int separator = properties.indexOf(NAME_VALUE_SEPARATOR, start);
            if (separator > start && separator < end - 1) {
                map.put(properties.substring(start, separator), properties.substring(separator + 1, end));
            }
            start = end + 1;
        }
        return map;
    }

    /** Formats properties; entries with a null value are skipped. */
    public static String format(Map<String, String> properties) {
        StringBuilder sb = new StringBuilder(properties.size() * 24);
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getValue() != null) {
                sb.append(e.getKey()).append(NAME_VALUE_SEPARATOR).append(e.getValue()).append(PROPERTY_SEPARATOR);
            }
        }
        return sb.toString();
    }

    /**
     * Returns the value of one property without building a map, or null when it is absent.
     */
    public static String get(String properties, String name) {
        if (properties == null || properties.isEmpty()) {
            return null;
        }
        int from = 0;
        int nameLength = name.length();
        while (from < properties.length()) {
            int at = properties.indexOf(name, from);
            if (at < 0) {
                return null;
            }
            boolean startsPair = at == 0 || properties.charAt(at - 1) == PROPERTY_SEPARATOR;
            int valueStart = at + nameLength + 1;
            if (startsPair && valueStart <= properties.length()
                    && properties.charAt(at + nameLength) == NAME_VALUE_SEPARATOR) {
                int end = properties.indexOf(PROPERTY_SEPARATOR, valueStart);
                String value = properties.substring(valueStart, end < 0 ? properties.length() : end);
                return value.isEmpty() ? null : value;
            }
            from = at + 1;
        }
        return null;
    }

    /** The consume-queue tag hash of a tag: {@link String#hashCode()}, or 0 without a tag. */
    public static long tagHash(String tag) {
        return tag == null || tag.isEmpty() ? 0L : tag.hashCode();
    }
}
