package dev.mq.server.broker.pull;

import dev.mq.store.MessageFilter;

import java.util.Arrays;

/**
 * Tag expressions as subscriptions carry them: {@code *} (or empty) matches everything,
 * {@code A || B} matches the listed tags. The broker filters on tag hashes; clients re-check the
 * tag itself, so a hash collision only costs a wasted transfer.
 */
public final class TagFilter {

    private TagFilter() {
    }

    /** The filter for an expression, or null for "everything". */
    public static MessageFilter parse(String expression) {
        if (expression == null || expression.isBlank() || expression.trim().equals("*")) {
            return null;
        }
        long[] hashes = Arrays.stream(expression.split("\\|\\|")).map(String::trim).filter(t -> !t.isEmpty())
                .mapToLong(String::hashCode).sorted().distinct().toArray();
        if (hashes.length == 0) {
            return null;
        }
        return hash -> Arrays.binarySearch(hashes, hash) >= 0;
    }
}
