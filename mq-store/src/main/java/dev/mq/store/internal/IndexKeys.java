package dev.mq.store.internal;

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
}
