package dev.mq.client.internal;

import dev.mq.message.MessageProperties;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The user and system properties of one received message, parsed from its properties string only
 * when first asked for (most listeners never look at them, and building two maps per message is most
 * of a decode's cost). Both {@link View}s are unmodifiable; parsing is thread-safe (a race parses
 * twice, to the same result).
 */
public final class LazyProperties {

    private final String text;
    private final View user = new View(true);
    private final View system = new View(false);
    private volatile Parsed parsed;

    private record Parsed(Map<String, String> user, Map<String, String> system) {
    }

    /** The properties of a stored record, as its properties string (name 0x01 value 0x02 ...). */
    public LazyProperties(String text) {
        this.text = text == null ? "" : text;
    }

    /** The user properties (no system property). */
    public Map<String, String> user() {
        return user;
    }

    /** The system properties (names of {@code PropertyNames}), tags and keys included. */
    public Map<String, String> system() {
        return system;
    }

    private Parsed parsed() {
        Parsed result = parsed;
        if (result == null) {
            Map<String, String> users = new HashMap<>();
            Map<String, String> systems = new HashMap<>();
            for (Map.Entry<String, String> property : MessageProperties.parse(text).entrySet()) {
                (SystemProperties.isReserved(property.getKey()) ? systems : users)
                        .put(property.getKey(), property.getValue());
            }
            result = new Parsed(Map.copyOf(users), Map.copyOf(systems));
            parsed = result;
        }
        return result;
    }

    /** One of the two maps: unmodifiable, parsed on first use. */
    public final class View extends AbstractMap<String, String> {

        private final boolean users;

        private View(boolean users) {
            this.users = users;
        }

        private Map<String, String> map() {
            Parsed all = parsed();
            return users ? all.user() : all.system();
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return map().entrySet();
        }

        @Override
        public String get(Object key) {
            return map().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map().containsKey(key);
        }

        @Override
        public int size() {
            return map().size();
        }
    }
}
