package dev.mq.spring.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Objects;

/**
 * An {@link IdempotencyStore} in this process's memory: right for one instance of an application,
 * lost on restart. Always remembers the newest {@code maxKeys} keys it was given; older keys are
 * forgotten a generation at a time (a forgotten key that is delivered again runs again), so it
 * holds up to twice {@code maxKeys}.
 *
 * <p>Keys are spread over up to 64 stripes, each with its own lock and its own share of
 * {@code maxKeys}, so that consume threads working on different keys do not wait for each other;
 * "the newest keys" then holds within a stripe. Small stores (under 2,048 keys) keep one stripe.
 *
 * <p>A stripe keeps two generations of keys: new keys go into the current one, and when it holds
 * the stripe's share, it becomes the previous one and the previous one is dropped whole. Forgetting
 * costs nothing per claim that way, where an oldest-first map would unlink its oldest entry on
 * every new key once full, reaching into memory the claim has not touched for a long time.
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
                stripe.add(id, new Entry(token, now + lease.toMillis()));
            } else {
                existing.takeOver(token, now + lease.toMillis()); // keeps its generation
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

    /** Keys held now, processed or claimed (expired ones included until they are replaced or dropped). */
    public int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                size += stripe.size();
            }
        }
        return size;
    }

    private Stripe stripeOf(Id id) {
        return stripes[stripeIndex(id.hash, stripes.length)];
    }

    /**
     * The stripe of a key whose {@link Id} hashes to {@code hash}, among {@code count}: from the high
     * bits of a multiplicative hash. Not from the low bits that {@code HashMap} picks its buckets by:
     * the keys of a stripe would share those bits, use a sixty-fourth of its map's buckets, and every
     * bucket would grow into a tree.
     */
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
     * One lock's share of the keys, in two generations. Its tokens count its claims, prefixed with
     * the stripe's number: unique within the store, the only place they are checked.
     */
    private static final class Stripe {

        private final String tokenPrefix;
        private final int generationSize;
        private HashMap<Id, Entry> current;
        private HashMap<Id, Entry> previous = new HashMap<>();
        private long tokens;

        Stripe(int number, int share) {
            this.tokenPrefix = Integer.toString(number, Character.MAX_RADIX) + ".";
            this.generationSize = share;
            this.current = newGeneration();
        }

        Entry get(Id id) {
            Entry entry = current.get(id);
            return entry != null ? entry : previous.get(id);
        }

        void add(Id id, Entry entry) {
            if (current.size() >= generationSize) {
                previous = current;
                current = newGeneration();
            }
            current.put(id, entry);
        }

        void remove(Id id) {
            if (current.remove(id) == null) {
                previous.remove(id);
            }
        }

        int size() {
            return current.size() + previous.size();
        }

        String nextToken() {
            return tokenPrefix + Long.toString(++tokens, Character.MAX_RADIX);
        }

        private HashMap<Id, Entry> newGeneration() {
            // sized so that a full generation never rehashes: (share / 0.75) buckets, capped for huge stores
            return new HashMap<>(Math.min(1 << 20, (int) Math.min(Integer.MAX_VALUE, generationSize * 4L / 3 + 1)));
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

    /** A key of a group, with its hash computed once. */
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
