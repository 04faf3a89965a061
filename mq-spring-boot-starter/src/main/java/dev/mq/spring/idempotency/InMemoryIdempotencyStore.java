package dev.mq.spring.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link IdempotencyStore} in this process's memory: right for one instance of an application,
 * lost on restart. Holds at most {@code maxKeys} keys; beyond that the oldest entries are forgotten
 * first (a forgotten key that is delivered again runs again).
 *
 * <p>Keys are spread over up to 64 stripes, each with its own lock and its own share of
 * {@code maxKeys}, so that consume threads working on different keys do not wait for each other;
 * "oldest first" then holds within a stripe. Small stores (under 2,048 keys) keep one stripe, and
 * with it the exact order.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private static final int KEYS_PER_STRIPE_AT_LEAST = 1024;
    private static final int MAX_STRIPES = 64;

    private final Clock clock;
    private final Stripe[] stripes;

    public InMemoryIdempotencyStore(int maxKeys, Clock clock) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        int count = Math.max(1, Math.min(MAX_STRIPES, maxKeys / KEYS_PER_STRIPE_AT_LEAST));
        this.stripes = new Stripe[count];
        for (int i = 0; i < count; i++) {
            // the first stripes take the remainder, so the shares add up to maxKeys exactly
            stripes[i] = new Stripe(i, maxKeys / count + (i < maxKeys % count ? 1 : 0));
        }
    }

    @Override
    public Claim claim(String group, String key, Duration lease) {
        long now = clock.millis();
        Id id = new Id(group, key);
        Stripe stripe = stripeOf(id);
        synchronized (stripe) {
            Entry existing = stripe.get(id);
            if (existing != null && existing.expiresAtMillis > now) {
                return new Claim(group, key,
                        existing.processed ? Claim.Status.ALREADY_PROCESSED : Claim.Status.HELD_ELSEWHERE, null);
            }
            String token = stripe.nextToken();
            if (existing == null) {
                stripe.put(id, new Entry(token, now + lease.toMillis()));
            } else {
                existing.takeOver(token, now + lease.toMillis()); // keeps its place in the stripe's order
            }
            return new Claim(group, key, Claim.Status.ACQUIRED, token);
        }
    }

    @Override
    public void complete(Claim claim, Duration ttl) {
        requireAcquired(claim);
        Id id = new Id(claim.group(), claim.key());
        long expiresAt = clock.millis() + ttl.toMillis();
        Stripe stripe = stripeOf(id);
        synchronized (stripe) {
            Entry existing = stripe.get(id);
            if (existing != null && existing.token.equals(claim.token())) {
                existing.processed = true;
                existing.expiresAtMillis = expiresAt;
            }
        }
    }

    @Override
    public void release(Claim claim) {
        requireAcquired(claim);
        Id id = new Id(claim.group(), claim.key());
        Stripe stripe = stripeOf(id);
        synchronized (stripe) {
            Entry existing = stripe.get(id);
            if (existing != null && !existing.processed && existing.token.equals(claim.token())) {
                stripe.remove(id);
            }
        }
    }

    /** Keys held now, processed or claimed (expired ones included until they are replaced or evicted). */
    public int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                size += stripe.size();
            }
        }
        return size;
    }

    /**
     * The stripe of a key, from the high bits of a multiplicative hash. Not from the low bits that
     * {@code HashMap} picks its buckets by: keys that share those bits in a stripe would share a
     * sixty-fourth of its buckets, and every bucket would grow into a tree.
     */
    private Stripe stripeOf(Id id) {
        return stripes[stripeIndex(id.hash, stripes.length)];
    }

    /** The stripe of a key whose {@code Id} hashes to {@code hash}, among {@code count}. */
    static int stripeIndex(int hash, int count) {
        long mixed = (hash * 0x9E3779B9L) & 0xFFFF_FFFFL;
        return (int) ((mixed * count) >>> 32);
    }

    /** The hash a key's entry has in its stripe's map. */
    static int entryHash(String group, String key) {
        return new Id(group, key).hash;
    }

    private static void requireAcquired(Claim claim) {
        if (!claim.acquired()) {
            throw new IllegalArgumentException("only an acquired claim can be completed or released: " + claim);
        }
    }

    /**
     * One lock's share of the keys, in insertion order, forgetting its oldest beyond its bound. Its
     * tokens count its claims, prefixed with the stripe's number: unique within the store, the only
     * place they are checked, and cheap to make under the lock already held.
     */
    private static final class Stripe extends LinkedHashMap<Id, Entry> {

        private final int bound;
        private final String tokenPrefix;
        private long tokens;

        Stripe(int number, int bound) {
            super(16, 0.75f, false);
            this.bound = bound;
            this.tokenPrefix = Integer.toString(number, Character.MAX_RADIX) + ".";
        }

        String nextToken() {
            return tokenPrefix + Long.toString(++tokens, Character.MAX_RADIX);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Id, Entry> eldest) {
            return size() > bound;
        }
    }

    /** A key's state; changed only under its stripe's lock. */
    private static final class Entry {

        private String token;
        private boolean processed;
        private long expiresAtMillis;

        Entry(String token, long expiresAtMillis) {
            this.token = token;
            this.expiresAtMillis = expiresAtMillis;
        }

        void takeOver(String newToken, long newExpiresAtMillis) {
            token = newToken;
            processed = false;
            expiresAtMillis = newExpiresAtMillis;
        }
    }

    /**
     * A key of a group, with its hash computed once: forgetting the oldest entry looks it up by its
     * key's hash, and the key's strings are then long out of the cache.
     */
    private static final class Id {

        private final String group;
        private final String key;
        private final int hash;

        Id(String group, String key) {
            this.group = group;
            this.key = key;
            this.hash = 31 * group.hashCode() + key.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Id that && hash == that.hash && key.equals(that.key) && group.equals(that.group);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
