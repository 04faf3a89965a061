package dev.mq.spring.idempotency;

import java.util.Arrays;

/**
 * One generation of keys of an {@link InMemoryIdempotencyStore} stripe: (group, key) to the state of
 * its claim, in an open-addressing table with linear probing. An entry lives in three arrays: an int
 * tag (its hash, never 0: 0 marks a free slot), three longs (hash and flags, claim token, expiry) and
 * two references (group, key). Remembering a key allocates nothing beyond the key itself, so a young
 * collection has only the key's string to copy, where a {@code HashMap} entry would add a node, an
 * id and a state object.
 *
 * <p>A lookup probes the tags only, four bytes a slot, small enough to stay in the processor's
 * caches: a new key, the common case, is looked up in both generations without touching the larger
 * arrays, and a hit on the same key string the claim stored compares references only. Removal shifts the
 * entries after it back (no tombstones), so the table never fills with dead slots. The table grows
 * by doubling when more than two thirds full, and {@link #clear} keeps its arrays, so a store
 * reaches its working size in its first generations and then allocates no more.
 *
 * <p>Not thread-safe: the stripe's lock guards it.
 */
final class KeyStateTable {

    private static final int LONGS_PER_SLOT = 3;
    private static final int META = 0;
    private static final int TOKEN = 1;
    private static final int EXPIRES = 2;
    private static final long IN_USE = 1;
    private static final long PROCESSED = 2;
    private static final int FIRST_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 29;

    private int[] tags;
    private long[] states;
    private Object[] ids;
    private int mask;
    private int size;

    /** An empty table of a few slots: it grows with its keys, so a store that is hardly used stays small. */
    KeyStateTable() {
        allocate(FIRST_CAPACITY);
    }

    /** The slot of {@code key} of {@code group}, whose {@link #hash} is {@code hash}; -1 when absent. */
    int find(String group, String key, int hash) {
        int tag = tagOf(hash);
        for (int slot = home(hash); ; slot = (slot + 1) & mask) {
            int stored = tags[slot];
            if (stored == 0) {
                return -1;
            }
            if (stored == tag && holds(slot, group, key)) {
                return slot;
            }
        }
    }

    /** Adds a key that {@link #find} did not find, with a live claim. */
    void add(String group, String key, int hash, long token, long expiresAtMillis) {
        if (size + 1 > maxSizeBeforeGrowing()) {
            grow();
        }
        int slot = home(hash);
        while (tags[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        put(slot, ((long) hash << 32) | IN_USE, token, expiresAtMillis, group, key);
        size++;
    }

    boolean processed(int slot) {
        return (states[slot * LONGS_PER_SLOT + META] & PROCESSED) != 0;
    }

    long token(int slot) {
        return states[slot * LONGS_PER_SLOT + TOKEN];
    }

    long expiresAtMillis(int slot) {
        return states[slot * LONGS_PER_SLOT + EXPIRES];
    }

    /** Gives the key of {@code slot} to a new holder: claimed, not processed. */
    void claimAgain(int slot, long token, long expiresAtMillis) {
        int at = slot * LONGS_PER_SLOT;
        states[at + META] &= ~PROCESSED;
        states[at + TOKEN] = token;
        states[at + EXPIRES] = expiresAtMillis;
    }

    /** Marks the key of {@code slot} processed, remembered until {@code expiresAtMillis}. */
    void markProcessed(int slot, long expiresAtMillis) {
        int at = slot * LONGS_PER_SLOT;
        states[at + META] |= PROCESSED;
        states[at + EXPIRES] = expiresAtMillis;
    }

    /**
     * Removes the entry of {@code slot}, moving back each later entry of the same probe run that
     * would otherwise no longer be found from its home slot.
     */
    void remove(int slot) {
        int hole = slot;
        for (int next = (hole + 1) & mask; ; next = (next + 1) & mask) {
            if (tags[next] == 0) {
                break;
            }
            long meta = states[next * LONGS_PER_SLOT + META];
            int home = home((int) (meta >>> 32));
            if (!cyclicallyWithin(home, hole, next)) {
                int at = next * LONGS_PER_SLOT;
                put(hole, meta, states[at + TOKEN], states[at + EXPIRES], ids[2 * next], ids[2 * next + 1]);
                hole = next;
            }
        }
        put(hole, 0, 0, 0, null, null);
        size--;
    }

    int size() {
        return size;
    }

    /** Empties the table, keeping its arrays for the next generation. */
    void clear() {
        Arrays.fill(tags, 0);
        Arrays.fill(states, 0);
        Arrays.fill(ids, null);
        size = 0;
    }

    /**
     * The hash an entry of {@code key} of {@code group} has: their string hashes, mixed so that every
     * bit depends on every bit of them (MurmurHash3's finalizer). Message ids differ in their last
     * digits, which a string hash turns into nearly consecutive numbers; mixed, the high bits (which
     * pick a stripe) and the low bits (which pick a slot) are independent of each other.
     */
    static int hash(String group, String key) {
        int hash = 31 * group.hashCode() + key.hashCode();
        hash ^= hash >>> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >>> 13;
        hash *= 0xC2B2AE35;
        return hash ^ (hash >>> 16);
    }

    /** The home slot of {@code hash} in a table of {@code mask + 1} slots: its low bits. */
    static int home(int hash, int mask) {
        return hash & mask;
    }

    private int home(int hash) {
        return home(hash, mask);
    }

    /** The tag of an entry whose hash is {@code hash}: the hash, but never 0 (a free slot). */
    private static int tagOf(int hash) {
        return hash == 0 ? 1 : hash;
    }

    /** Whether {@code home} lies in the cyclic range {@code (hole, next]}: the entry may stay where it is. */
    private static boolean cyclicallyWithin(int home, int hole, int next) {
        return hole <= next ? hole < home && home <= next : hole < home || home <= next;
    }

    private boolean holds(int slot, String group, String key) {
        Object storedKey = ids[2 * slot + 1];
        Object storedGroup = ids[2 * slot];
        return (storedKey == key || key.equals(storedKey)) && (storedGroup == group || group.equals(storedGroup));
    }

    private void put(int slot, long meta, long token, long expiresAtMillis, Object group, Object key) {
        tags[slot] = meta == 0 ? 0 : tagOf((int) (meta >>> 32));
        int at = slot * LONGS_PER_SLOT;
        states[at + META] = meta;
        states[at + TOKEN] = token;
        states[at + EXPIRES] = expiresAtMillis;
        ids[2 * slot] = group;
        ids[2 * slot + 1] = key;
    }

    private int maxSizeBeforeGrowing() {
        return (int) ((mask + 1L) * 2 / 3);
    }

    private void grow() {
        long[] oldStates = states;
        Object[] oldIds = ids;
        allocate((mask + 1) * 2);
        for (int slot = 0; slot < oldIds.length / 2; slot++) {
            long meta = oldStates[slot * LONGS_PER_SLOT + META];
            if (meta != 0) {
                int to = home((int) (meta >>> 32));
                while (tags[to] != 0) {
                    to = (to + 1) & mask;
                }
                int at = slot * LONGS_PER_SLOT;
                put(to, meta, oldStates[at + TOKEN], oldStates[at + EXPIRES], oldIds[2 * slot], oldIds[2 * slot + 1]);
            }
        }
    }

    private void allocate(int capacity) {
        if (capacity > MAX_CAPACITY) {
            throw new IllegalStateException("an idempotency key table cannot hold more than "
                    + (MAX_CAPACITY / 3 * 2) + " keys");
        }
        tags = new int[capacity];
        states = new long[capacity * LONGS_PER_SLOT];
        ids = new Object[capacity * 2];
        mask = capacity - 1;
    }
}
