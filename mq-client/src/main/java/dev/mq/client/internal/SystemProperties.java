package dev.mq.client.internal;

import dev.mq.message.PropertyNames;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

/**
 * The property names applications may not use as user properties: every name in
 * {@link PropertyNames}, read from it once, so that a name added there is reserved here too.
 */
public final class SystemProperties {

    private static final Set<String> NAMES = read();

    private SystemProperties() {
    }

    /** Whether {@code name} is a system property's name. */
    public static boolean isReserved(String name) {
        return NAMES.contains(name);
    }

    /** All reserved names. */
    public static Set<String> names() {
        return NAMES;
    }

    private static Set<String> read() {
        Set<String> names = new HashSet<>();
        for (Field field : PropertyNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + field, e);
                }
            }
        }
        return Set.copyOf(names);
    }
}
