package dev.mq.store.internal;

import dev.mq.message.record.PropertyLocations;

/**
 * How index keys are formed. Keys (from {@code KEYS}) and unique ids (from {@code UNIQ_KEY}) are
 * kept apart, so a business key that happens to equal some message id never matches it.
 */
public final class IndexKeys {

    private IndexKeys() {
    }

    public static String byKey(String topic, String key) {
        return topic + "#K#" + key;
    }

    public static String byUniqueKey(String topic, String uniqueKey) {
        return topic + "#U#" + uniqueKey;
    }

    /** {@code byKey(topic, "").hashCode()}: continued over a key's text it gives {@code byKey(topic, key).hashCode()}. */
    public static int byKeyPrefixHash(String topic) {
        return PropertyLocations.continueHash(topic.hashCode(), "#K#");
    }

    /** {@code byUniqueKey(topic, "").hashCode()}, to be continued over a unique key's text. */
    public static int byUniqueKeyPrefixHash(String topic) {
        return PropertyLocations.continueHash(topic.hashCode(), "#U#");
    }
}
