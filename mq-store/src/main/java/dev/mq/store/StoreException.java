package dev.mq.store;

/**
 * A failure of the storage engine that a caller cannot fix by retrying the same call: an I/O error
 * on the data directory, a data directory in use by another process, or on-disk state that
 * contradicts the configuration. The message says which file or setting is involved.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
