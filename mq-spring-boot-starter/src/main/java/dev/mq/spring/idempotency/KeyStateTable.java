package dev.mq.spring.idempotency;

import java.util.Arrays;

/**
 * One generation of keys of an {@link InMemoryIdempotencyStore} stripe: (group, key) to the state of
 * its claim, in an open-addressing table with linear probing. An entry is an int tag (its hash,
 * never 0: 0 marks a free slot) and four longs (hash and flags, claim token, expiry, where its
 * characters are), and its group's and key's characters are copied into a character arena that
 * the generation fills from the front. So the table holds no references: remembering a key keeps
 * no object alive, a young collection has nothing of the store's to copy, and storing an entry
 * leaves no old-to-young reference for the collector's write barrier to record, where a
 * {@code HashMap} entry would keep a node, an id, a state object and the key's string.
 *
 * <p>A lookup probes the tags only, four bytes a slot, small enough to stay in the processor's
 * caches: a new key, the common case, is looked up in both generations without touching the larger
 * arrays. Removal shifts the entries after it back (no tombstones), so the table never fills with
 * dead slots; the characters of removed entries are reclaimed by compacting the arena when it would
 * otherwise grow while at least half of it is dead. The table grows by doubling when more than two
 * thirds full, and {@link #clear} keeps its arrays, so a store reaches its working size in its first
 * generations and then allocates no more.
 *
 * <p>Not thread-safe: the stripe's lock guards it.
 */
final class KeyStateTable {

    private static final int LONGS_PER_SLOT = 4;
    private static final int META = 0;
    private static final int TOKEN = 1;
    private static final int EXPIRES = 2;
    private static final int CHARS = 3;
    private static final long IN_USE = 1;
    private static final long PROCESSED = 2;
    private static final int GROUP_LENGTH_SHIFT = 8;
    private static final int MAX_GROUP_LENGTH = (1 << (32 - GROUP_LENGTH_SHIFT)) - 1;
    private static final int FIRST_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 28;
    private static final int FIRST_ARENA = 1024;
    private static final int MAX_ARENA = Integer.MAX_VALUE - 8;

    private int[] tags;
    private long[] states;
    private int mask;
    private int size;
    private char[] arena = new char[FIRST_ARENA];
    private int arenaUsed;
    private int arenaDead;

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

    /**
     * Adds a key that {@link #find} did not find, with a live claim.
     *
     * @throws IllegalArgumentException when the group name is longer than 16,777,215 characters
     */
    void add(String group, String key, int hash, long token, long expiresAtMillis) {
        if (group.length() > MAX_GROUP_LENGTH) {
            throw new IllegalArgumentException("a consumer group name of " + group.length() + " characters is too long");
        }
        if (size + 1 > maxSizeBeforeGrowing()) {
            grow();
        }
        int slot = home(hash);
        while (tags[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        int length = group.length() + key.length();
        int at = reserveChars(length);
        group.getChars(0, group.length(), arena, at);
        key.getChars(0, key.length(), arena, at + group.length());
        long meta = ((long) hash << 32) | ((long) group.length() << GROUP_LENGTH_SHIFT) | IN_USE;
        put(slot, meta, token, expiresAtMillis, ((long) at << 32) | length);
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
        arenaDead += (int) states[slot * LONGS_PER_SLOT + CHARS];
        int hole = slot;
        for (int next = (hole + 1) & mask; ; next = (next + 1) & mask) {
            if (tags[next] == 0) {
                break;
            }
            int at = next * LONGS_PER_SLOT;
            long meta = states[at + META];
            int home = home((int) (meta >>> 32));
            if (!cyclicallyWithin(home, hole, next)) {
                put(hole, meta, states[at + TOKEN], states[at + EXPIRES], states[at + CHARS]);
                hole = next;
            }
        }
        put(hole, 0, 0, 0, 0);
        size--;
    }

    int size() {
        return size;
    }

    /** Characters the arena holds now, live or dead (tests: the arena stays bounded). */
    int arenaLength() {
        return arena.length;
    }

    /** Empties the table, keeping its arrays for the next generation. */
    void clear() {
        Arrays.fill(tags, 0);
        Arrays.fill(states, 0);
        arenaUsed = 0;
        arenaDead = 0;
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
        int at = slot * LONGS_PER_SLOT;
        long chars = states[at + CHARS];
        int length = (int) chars;
        int groupLength = (int) (states[at + META] >>> GROUP_LENGTH_SHIFT) & MAX_GROUP_LENGTH;
        if (groupLength != group.length() || length - groupLength != key.length()) {
            return false;
        }
        int from = (int) (chars >>> 32);
        return sameChars(key, from + groupLength) && sameChars(group, from);
    }

    private boolean sameChars(String text, int from) {
        char[] chars = arena;
        for (int i = 0, n = text.length(); i < n; i++) {
            if (chars[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where {@code length} free characters start in the arena. When they do not fit, the live
     * characters are first compacted: into an arena of the same size if at least half of it is dead
     * and that makes room, else into one twice as large.
     */
    private int reserveChars(int length) {
        if (arenaUsed + length > arena.length) {
            long live = (long) arenaUsed - arenaDead;
            long newLength = arenaDead >= arena.length / 2 && live + length <= arena.length
                    ? arena.length : Math.max(2L * arena.length, live + length);
            if (newLength > MAX_ARENA) {
                throw new IllegalStateException("the idempotency keys of one stripe's generation exceed "
                        + MAX_ARENA + " characters");
            }
            arena = compactedInto(new char[(int) newLength]);
            arenaDead = 0;
        }
        int at = arenaUsed;
        arenaUsed += length;
        return at;
    }

    /** Copies the characters of every entry into {@code target}, front to back, and points the entries there. */
    private char[] compactedInto(char[] target) {
        int used = 0;
        for (int slot = 0; slot <= mask; slot++) {
            if (tags[slot] != 0) {
                int at = slot * LONGS_PER_SLOT + CHARS;
                long chars = states[at];
                int length = (int) chars;
                System.arraycopy(arena, (int) (chars >>> 32), target, used, length);
                states[at] = ((long) used << 32) | length;
                used += length;
            }
        }
        arenaUsed = used;
        return target;
    }

    private void put(int slot, long meta, long token, long expiresAtMillis, long chars) {
        tags[slot] = meta == 0 ? 0 : tagOf((int) (meta >>> 32));
        int at = slot * LONGS_PER_SLOT;
        states[at + META] = meta;
        states[at + TOKEN] = token;
        states[at + EXPIRES] = expiresAtMillis;
        states[at + CHARS] = chars;
    }

    private int maxSizeBeforeGrowing() {
        return (int) ((mask + 1L) * 2 / 3);
    }

    private void grow() {
        int[] oldTags = tags;
        long[] oldStates = states;
        allocate((mask + 1) * 2);
        for (int slot = 0; slot < oldTags.length; slot++) {
            if (oldTags[slot] != 0) {
                int at = slot * LONGS_PER_SLOT;
                long meta = oldStates[at + META];
                int to = home((int) (meta >>> 32));
                while (tags[to] != 0) {
                    to = (to + 1) & mask;
                }
                put(to, meta, oldStates[at + TOKEN], oldStates[at + EXPIRES], oldStates[at + CHARS]);
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
        mask = capacity - 1;
    }
}
