package dev.mq.bench.load;

import dev.mq.spring.idempotency.Claim;
import dev.mq.spring.idempotency.IdempotencyStore;

import java.time.Duration;

/**
 * The ceiling of an idempotent listener's drain with an in-memory store ({@code --idempotency
 * floor}): the memory work that any store remembering the newest {@code maxKeys} keys exactly must
 * do for a new key, and nothing else. A claim reads the key (its hash), reads the one slot of an
 * index sized for twice {@code maxKeys} keys that a lookup must read at least, and writes the key's
 * bytes and a state of 32 bytes into the next 64 bytes of a ring of twice {@code maxKeys} entries,
 * as the starter's in-memory store holds up to twice its {@code maxKeys}. No lock, no second
 * generation, no comparison of a key whose slot is taken, no token, no clock: completing and
 * releasing do nothing.
 *
 * <p><b>Not a store</b>: it acknowledges nothing as a duplicate and threads race on its arrays. It
 * gives every claim, so a drain of unique keys through it counts every message, as through a real
 * store; its rate is the most a store behind the {@link IdempotencyStore} interface could give the
 * listener on the same machine.
 */
final class FloorIdempotencyStore implements IdempotencyStore {

    private static final int ENTRY_BYTES = 64;
    private static final int STATE_BYTES = 32;
    private static final String TOKEN = "floor";

    private final int[] index;
    private final int mask;
    private final byte[] ring;
    private final int entries;
    private int next;

    FloorIdempotencyStore(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
        }
        this.entries = 2 * maxKeys;
        // the densest index open addressing keeps fast: at most two thirds full
        int slots = Integer.highestOneBit(Math.max(16, entries * 3 / 2 - 1)) << 1;
        this.index = new int[slots];
        this.mask = slots - 1;
        this.ring = new byte[entries * ENTRY_BYTES];
    }

    @Override
    public Claim claim(String group, String key, Duration lease) {
        int hash = mix(31 * group.hashCode() + key.hashCode());
        int slot = hash & mask;
        int at = next;
        next = at + 1 == entries ? 0 : at + 1; // racy across threads: stays within [0, entries)
        int offset = at * ENTRY_BYTES;
        int length = Math.min(key.length(), ENTRY_BYTES - STATE_BYTES);
        for (int i = 0; i < length; i++) {
            ring[offset + i] = (byte) key.charAt(i);
        }
        // the state: the slot's old content stands in for what a lookup reads, then the hash
        int previous = index[slot];
        ring[offset + ENTRY_BYTES - STATE_BYTES] = (byte) previous;
        ring[offset + ENTRY_BYTES - STATE_BYTES + 1] = (byte) hash;
        index[slot] = at + 1;
        return new Claim(group, key, Claim.Status.ACQUIRED, TOKEN);
    }

    @Override
    public void complete(Claim claim, Duration ttl) {
    }

    @Override
    public void release(Claim claim) {
    }

    /** Slots of the index (tests). */
    int indexSlots() {
        return index.length;
    }

    /** The entry the slot of {@code key} of {@code group} names, 1-based, 0 when none (tests). */
    int entryOf(String group, String key) {
        return index[mix(31 * group.hashCode() + key.hashCode()) & mask];
    }

    /** The byte of the ring at {@code offset} (tests). */
    byte ringByte(int offset) {
        return ring[offset];
    }

    private static int mix(int hash) {
        hash ^= hash >>> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >>> 13;
        hash *= 0xC2B2AE35;
        return hash ^ (hash >>> 16);
    }
}
