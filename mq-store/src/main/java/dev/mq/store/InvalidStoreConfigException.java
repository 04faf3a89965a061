package dev.mq.store;

/** A {@link StoreConfig} value is invalid; {@link #property()} names the setting to fix. */
public final class InvalidStoreConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String property;

    public InvalidStoreConfigException(String property, String problem) {
        super(property + ": " + problem);
        this.property = property;
    }

    /** The property name as it appears under {@code mq.store.} in the server configuration. */
    public String property() {
        return property;
    }
}
