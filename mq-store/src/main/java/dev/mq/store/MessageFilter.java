package dev.mq.store;

/**
 * Decides on the consume-queue entry alone (its tag hash) whether a message is read. The hash is
 * {@code String.hashCode()} of the TAGS property, 0 without a tag; clients re-check the tag itself.
 */
@FunctionalInterface
public interface MessageFilter {

    /** Whether the message with this tag hash is wanted. */
    boolean matches(long tagHash);
}
