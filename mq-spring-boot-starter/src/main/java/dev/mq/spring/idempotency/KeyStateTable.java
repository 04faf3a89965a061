package dev.mq.spring.idempotency;

import java.util.Arrays;

/**
 * One generation of keys of an {@link InMemoryIdempotencyStore} stripe: (group, key) to the state of
 * its claim, in an open-addressing table with linear probing. A slot of the index is one int: a
 * fingerprint of the key's hash in its top byte (never 0, so 0 marks a free slot) and the number of
 * its entry below it; an entry is four longs (hash, group number and flags, claim token, expiry,
 * where its characters are), and the key's characters are copied into a byte arena: one byte a
 * character when they all fit in one (ISO 8859-1, as message ids and most keys do), else two. The
 * group is a number the store gives each group name, not characters: a store serves a handful of
 * groups, and a message id is only 32 characters, so copying the group's name with every key would
 * more than double the memory each new key writes. Entries and characters are both written in the
 * order keys arrive, from the front. So the table holds no references: remembering a key keeps no
 * object alive, a young collection has nothing of the store's to copy, and storing an entry leaves
 * no old-to-young reference for the collector's write barrier to record, where a {@code HashMap}
 * entry would keep a node, an id, a state object and the key's string.
 *
 * <p>A lookup reads the index only and an entry only where a fingerprint matches (one slot in 255 by
 * chance). A new key, the common case, is looked up in both generations, one cache line of each
 * index, and is then written into the line its lookup in the current generation just read (the end
 * of its probe run), its entry and characters where the previous new key's went: memory the claims
 * before touched, not lines picked at random (on a consumer streaming message bodies through the
 * caches, a line picked at random is a cache miss that the lock's release then waits for). A
 * fingerprint in one array and the entry numbers in another made a third line at random per new
 * key.
 *
 * <p>Removal shifts the index slots after it back (no tombstones), so the index never fills with
 * dead slots; the entries and characters of removed keys are reclaimed by compacting, the entries
 * when they reach the end of their array (then at least a third of them are dead, since the index
 * grows before two thirds of it are used), the characters when they would otherwise grow while at
 * least half of them are dead. The index grows by doubling when more than two thirds full (the
 * entries keep their numbers; their array grows with it), and {@link #clear} keeps the arrays, so
 * a store reaches its working size in its first generations and then allocates no more.
 *
 * <p>Not thread-safe: the stripe's lock guards it.
 */
final class KeyStateTable {

    private static final int LONGS_PER_ENTRY = 4;
    private static final int META = 0;
    private static final int TOKEN = 1;
    private static final int EXPIRES = 2;
    private static final int CHARS = 3;
    private static final long IN_USE = 1;
    private static final long PROCESSED = 2;
    /** The key's characters are stored one byte each (all of them below 256); else two bytes each. */
    private static final long ONE_BYTE_CHARS = 4;
    private static final int GROUP_SHIFT = 8;
    /** The largest group number an entry holds. */
    static final int MAX_GROUP = (1 << (32 - GROUP_SHIFT)) - 1;
    private static final int FIRST_CAPACITY = 16;
    /** Bits of an index slot that hold its entry's number; the fingerprint takes the rest. */
    private static final int ENTRY_BITS = 24;
    private static final int ENTRY_MASK = (1 << ENTRY_BITS) - 1;
    /** Entries number below 2^{@value #ENTRY_BITS}, and there are as many as slots. */
    static final int MAX_CAPACITY = 1 << ENTRY_BITS;
    /** The most keys a table holds: two thirds of its largest index. */
    static final int MAX_KEYS = MAX_CAPACITY / 3 * 2;
    private static final int FIRST_ARENA = 1024;
    private static final int MAX_ARENA = Integer.MAX_VALUE - 8;

    /**
     * Per slot: the fingerprint of its key's hash in the top 8 bits and the number of its entry in
     * the low {@value #ENTRY_BITS}; 0 when free (a fingerprint is never 0).
     */
    private int[] index;
    /** As many entries as slots: the index grows before two thirds of its slots are used. */
    private long[] entries;
    private int mask;
    private int size;
    private int entriesUsed;
    private byte[] arena = new byte[FIRST_ARENA];
    private int arenaUsed;
    private int arenaDead;

    /** An empty table of a few slots: it grows with its keys, so a store that is hardly used stays small. */
    KeyStateTable() {
        allocateIndex(FIRST_CAPACITY);
        entries = new long[FIRST_CAPACITY * LONGS_PER_ENTRY];
    }

    /**
     * The slot of {@code key} of the group numbered {@code group}, whose {@link #hash} is {@code hash};
     * -1 when absent.
     */
    int find(int group, String key, int hash) {
        byte fingerprint = fingerprint(hash);
        for (int slot = home(hash); ; slot = (slot + 1) & mask) {
            int stored = index[slot];
            if (stored == 0) {
                return -1;
            }
            if (fingerprintOf(stored) == fingerprint && holds(stored & ENTRY_MASK, hash, group, key)) {
                return slot;
            }
        }
    }

    /**
     * Adds a key that {@link #find} did not find, with a live claim.
     *
     * @return the key's slot
     * @throws IllegalArgumentException when {@code group} is not between 0 and {@link #MAX_GROUP}
     */
    int add(int group, String key, int hash, long token, long expiresAtMillis) {
        if (group < 0 || group > MAX_GROUP) {
            throw new IllegalArgumentException("a group number must be between 0 and " + MAX_GROUP + ", got " + group);
        }
        if (size + 1 > maxSizeBeforeGrowing()) {
            grow();
        }
        if (entriesUsed == mask + 1) {
            compactEntries();
        }
        int slot = home(hash);
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        boolean oneByte = oneBytePerChar(key);
        int width = oneByte ? 1 : 2;
        int length = width * key.length();
        int at = reserveBytes(length);
        for (int i = 0, n = key.length(); i < n; i++) {
            putChar(at, i, width, key.charAt(i));
        }
        int entry = entriesUsed++;
        int e = entry * LONGS_PER_ENTRY;
        entries[e + META] = ((long) hash << 32) | ((long) group << GROUP_SHIFT) | (oneByte ? ONE_BYTE_CHARS : 0) | IN_USE;
        entries[e + TOKEN] = token;
        entries[e + EXPIRES] = expiresAtMillis;
        entries[e + CHARS] = ((long) at << 32) | length;
        setSlot(slot, fingerprint(hash), entry);
        size++;
        return slot;
    }

    /**
     * Whether {@code slot} holds a key whose hash is {@code hash} and whose claim token is
     * {@code token}: a check, without reading the key's characters, that a slot remembered since
     * the claim still holds the claimed key, where tokens are never given twice. False for a slot
     * beyond the table, a free slot, or another key's.
     */
    boolean holdsToken(int slot, int hash, long token) {
        if (slot < 0 || slot > mask) {
            return false;
        }
        int stored = index[slot];
        if (fingerprintOf(stored) != fingerprint(hash)) { // a free slot's is 0, which no key's is
            return false;
        }
        int e = (stored & ENTRY_MASK) * LONGS_PER_ENTRY;
        return entries[e + TOKEN] == token && (int) (entries[e + META] >>> 32) == hash;
    }

    /** Sets the claim token of the key of {@code slot}. */
    void setToken(int slot, long token) {
        entries[entryAt(slot) + TOKEN] = token;
    }

    boolean processed(int slot) {
        return (entries[entryAt(slot) + META] & PROCESSED) != 0;
    }

    long token(int slot) {
        return entries[entryAt(slot) + TOKEN];
    }

    long expiresAtMillis(int slot) {
        return entries[entryAt(slot) + EXPIRES];
    }

    /** Gives the key of {@code slot} to a new holder: claimed, not processed. */
    void claimAgain(int slot, long token, long expiresAtMillis) {
        int e = entryAt(slot);
        entries[e + META] &= ~PROCESSED;
        entries[e + TOKEN] = token;
        entries[e + EXPIRES] = expiresAtMillis;
    }

    /** Marks the key of {@code slot} processed, remembered until {@code expiresAtMillis}. */
    void markProcessed(int slot, long expiresAtMillis) {
        int e = entryAt(slot);
        entries[e + META] |= PROCESSED;
        entries[e + EXPIRES] = expiresAtMillis;
    }

    /**
     * Removes the key of {@code slot}, moving back each later slot of the same probe run that would
     * otherwise no longer be found from its home slot. Its entry and characters stay, dead, until
     * the next compaction.
     */
    void remove(int slot) {
        arenaDead += (int) entries[entryAt(slot) + CHARS];
        int hole = slot;
        for (int next = (hole + 1) & mask; ; next = (next + 1) & mask) {
            if (index[next] == 0) {
                break;
            }
            if (!cyclicallyWithin(home(hashOf(entryOf(next))), hole, next)) {
                index[hole] = index[next];
                hole = next;
            }
        }
        index[hole] = 0;
        size--;
    }

    int size() {
        return size;
    }

    /** Bytes the arena holds now, live or dead (tests: the arena stays bounded). */
    int arenaLength() {
        return arena.length;
    }

    /** Entries the entry array holds now, live or dead (tests: it stays bounded). */
    int entryCapacity() {
        return entries.length / LONGS_PER_ENTRY;
    }

    /** Empties the table, keeping its arrays for the next generation. */
    void clear() {
        Arrays.fill(index, 0); // entries and arena bytes are written whole before they are read again
        entriesUsed = 0;
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

    /**
     * The fingerprint of a key whose hash is {@code hash}: eight bits that depend on all of its bits
     * (a Fibonacci hash's top byte), never 0 (a free slot). Not the hash's own high bits, which are
     * the same for every key of a stripe, nor its low bits, which are the same for keys of one home.
     */
    static byte fingerprint(int hash) {
        int bits = (hash * 0x9E3779B9) >>> 24;
        return (byte) (bits == 0 ? 1 : bits);
    }

    /** Whether {@code home} lies in the cyclic range {@code (hole, next]}: the entry may stay where it is. */
    private static boolean cyclicallyWithin(int home, int hole, int next) {
        return hole <= next ? hole < home && home <= next : hole < home || home <= next;
    }

    private boolean holds(int entry, int hash, int group, String key) {
        int e = entry * LONGS_PER_ENTRY;
        long meta = entries[e + META];
        if ((int) (meta >>> 32) != hash || ((int) (meta >>> GROUP_SHIFT) & MAX_GROUP) != group) {
            return false;
        }
        long chars = entries[e + CHARS];
        int length = (int) chars;
        int from = (int) (chars >>> 32);
        int width = (meta & ONE_BYTE_CHARS) != 0 ? 1 : 2;
        int n = key.length();
        if (length != width * n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (storedChar(from, i, width) != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Writes character number {@code i} of a key whose bytes start at {@code at}: {@code width} bytes, high byte first. */
    private void putChar(int at, int i, int width, char c) {
        if (width == 1) {
            arena[at + i] = (byte) c;
        } else {
            arena[at + 2 * i] = (byte) (c >>> 8);
            arena[at + 2 * i + 1] = (byte) c;
        }
    }

    /** Character number {@code i} of the key whose bytes start at {@code from}, {@code width} bytes each. */
    private char storedChar(int from, int i, int width) {
        return width == 1 ? (char) (arena[from + i] & 0xFF)
                : (char) ((arena[from + 2 * i] << 8) | (arena[from + 2 * i + 1] & 0xFF));
    }

    /** Whether every character of {@code key} fits in one byte. */
    private static boolean oneBytePerChar(String key) {
        for (int i = 0, n = key.length(); i < n; i++) {
            if (key.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** The number of the entry of {@code slot}. */
    private int entryOf(int slot) {
        return index[slot] & ENTRY_MASK;
    }

    /** Where the entry of {@code slot} starts in the entry array. */
    private int entryAt(int slot) {
        return entryOf(slot) * LONGS_PER_ENTRY;
    }

    private void setSlot(int slot, byte fingerprint, int entry) {
        index[slot] = (fingerprint << ENTRY_BITS) | entry;
    }

    /** The fingerprint an index slot holds. */
    private static byte fingerprintOf(int stored) {
        return (byte) (stored >>> ENTRY_BITS);
    }

    /** The hash of the key of entry number {@code entry}. */
    private int hashOf(int entry) {
        return (int) (entries[entry * LONGS_PER_ENTRY + META] >>> 32);
    }

    /**
     * Where {@code length} free bytes start in the arena. When they do not fit, the live bytes are
     * first compacted: into an arena of the same size if at least half of it is dead and that makes
     * room, else into one twice as large.
     */
    private int reserveBytes(int length) {
        if (arenaUsed + length > arena.length) {
            long live = (long) arenaUsed - arenaDead;
            long newLength = arenaDead >= arena.length / 2 && live + length <= arena.length
                    ? arena.length : Math.max(2L * arena.length, live + length);
            if (newLength > MAX_ARENA) {
                throw new IllegalStateException("the idempotency keys of one stripe's generation exceed "
                        + MAX_ARENA + " bytes");
            }
            arena = compactedInto(new byte[(int) newLength]);
            arenaDead = 0;
        }
        int at = arenaUsed;
        arenaUsed += length;
        return at;
    }

    /** Copies the key bytes of every live entry into {@code target}, front to back, and points the entries there. */
    private byte[] compactedInto(byte[] target) {
        int used = 0;
        for (int slot = 0; slot <= mask; slot++) {
            if (index[slot] != 0) {
                int at = entryAt(slot) + CHARS;
                long chars = entries[at];
                int length = (int) chars;
                System.arraycopy(arena, (int) (chars >>> 32), target, used, length);
                entries[at] = ((long) used << 32) | length;
                used += length;
            }
        }
        arenaUsed = used;
        return target;
    }

    /** Moves the live entries to the front of a new entry array of as many entries as slots, in slot order. */
    private void compactEntries() {
        long[] live = new long[(mask + 1) * LONGS_PER_ENTRY];
        int used = 0;
        for (int slot = 0; slot <= mask; slot++) {
            if (index[slot] != 0) {
                System.arraycopy(entries, entryAt(slot), live, used * LONGS_PER_ENTRY, LONGS_PER_ENTRY);
                index[slot] = (index[slot] & ~ENTRY_MASK) | used++;
            }
        }
        entries = live;
        entriesUsed = used;
    }

    private int maxSizeBeforeGrowing() {
        return (int) ((mask + 1L) * 2 / 3);
    }

    /**
     * Doubles the slots and re-inserts every key into the new index; the entries keep their numbers,
     * and their array doubles with the slots.
     */
    private void grow() {
        int[] old = index;
        allocateIndex((mask + 1) * 2);
        entries = Arrays.copyOf(entries, (mask + 1) * LONGS_PER_ENTRY);
        for (int stored : old) {
            if (stored != 0) {
                int to = home(hashOf(stored & ENTRY_MASK));
                while (index[to] != 0) {
                    to = (to + 1) & mask;
                }
                index[to] = stored;
            }
        }
    }

    private void allocateIndex(int capacity) {
        if (capacity > MAX_CAPACITY) {
            throw new IllegalStateException("an idempotency key table cannot hold more than "
                    + MAX_KEYS + " keys");
        }
        index = new int[capacity];
        mask = capacity - 1;
    }
}
