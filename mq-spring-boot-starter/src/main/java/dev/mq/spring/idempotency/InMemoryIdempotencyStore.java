package dev.mq.spring.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
 * every new key once full, reaching into memory the claim has not touched for a long time. A
 * generation is a {@link KeyStateTable}: an entry is slots in two arrays, not objects, so the
 * young collections of a busy consumer copy only the keys the store keeps.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private static final int KEYS_PER_STRIPE_AT_LEAST = 1024;
    private static final int MAX_STRIPES = 64;

    private final Clock clock;
    private final Stripe[] stripes;
    /** Each group's number, which the tables store instead of its name; never forgotten (groups are few). */
    private final ConcurrentHashMap<String, Integer> groupNumbers = new ConcurrentHashMap<>();
    private final AtomicInteger groupsNumbered = new AtomicInteger();

    public InMemoryIdempotencyStore(int maxKeys, Clock clock) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        int count = Math.max(1, Math.min(MAX_STRIPES, maxKeys / KEYS_PER_STRIPE_AT_LEAST));
        this.stripes = new Stripe[count];
        for (int i = 0; i < count; i++) {
            // the first stripes take the remainder, so the shares add up to maxKeys exactly
            stripes[i] = new Stripe(maxKeys / count + (i < maxKeys % count ? 1 : 0));
        }
    }

    @Override
    public Claim claim(String group, String key, Duration lease) {
        long now = clock.millis();
        int groupNumber = groupNumber(group);
        int hash = KeyStateTable.hash(group, key);
        Stripe stripe = stripeOf(hash);
        long token;
        synchronized (stripe) {
            KeyStateTable table = stripe.current;
            int slot = table.find(groupNumber, key, hash);
            if (slot < 0) {
                table = stripe.previous;
                slot = table.find(groupNumber, key, hash);
            }
            if (slot >= 0 && table.expiresAtMillis(slot) > now) {
                return new Claim(group, key,
                        table.processed(slot) ? Claim.Status.ALREADY_PROCESSED : Claim.Status.HELD_ELSEWHERE, null);
            }
            token = ++stripe.tokens;
            if (slot < 0) {
                stripe.add(groupNumber, key, hash, token, now + lease.toMillis());
            } else {
                table.claimAgain(slot, token, now + lease.toMillis()); // keeps its generation
            }
        }
        return new Claim(group, key, Claim.Status.ACQUIRED, Long.toString(token, Character.MAX_RADIX));
    }

    @Override
    public void complete(Claim claim, Duration ttl) {
        requireAcquired(claim);
        long token = tokenOf(claim);
        long expiresAt = clock.millis() + ttl.toMillis();
        int groupNumber = groupNumber(claim.group());
        int hash = KeyStateTable.hash(claim.group(), claim.key());
        Stripe stripe = stripeOf(hash);
        synchronized (stripe) {
            KeyStateTable table = stripe.current;
            int slot = table.find(groupNumber, claim.key(), hash);
            if (slot < 0) {
                table = stripe.previous;
                slot = table.find(groupNumber, claim.key(), hash);
            }
            if (slot >= 0 && table.token(slot) == token) {
                table.markProcessed(slot, expiresAt);
            }
        }
    }

    @Override
    public void release(Claim claim) {
        requireAcquired(claim);
        long token = tokenOf(claim);
        int groupNumber = groupNumber(claim.group());
        int hash = KeyStateTable.hash(claim.group(), claim.key());
        Stripe stripe = stripeOf(hash);
        synchronized (stripe) {
            KeyStateTable table = stripe.current;
            int slot = table.find(groupNumber, claim.key(), hash);
            if (slot < 0) {
                table = stripe.previous;
                slot = table.find(groupNumber, claim.key(), hash);
            }
            if (slot >= 0 && !table.processed(slot) && table.token(slot) == token) {
                table.remove(slot);
            }
        }
    }

    /** Keys held now, processed or claimed (expired ones included until they are replaced or dropped). */
    public int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                size += stripe.current.size() + stripe.previous.size();
            }
        }
        return size;
    }

    /**
     * The number of {@code group}, given on its first use.
     *
     * @throws IllegalStateException when more groups than a table can number were used
     */
    private int groupNumber(String group) {
        Integer number = groupNumbers.get(group);
        if (number != null) {
            return number;
        }
        return groupNumbers.computeIfAbsent(group, name -> {
            int next = groupsNumbered.getAndIncrement();
            if (next > KeyStateTable.MAX_GROUP) {
                throw new IllegalStateException("an in-memory idempotency store serves at most "
                        + (KeyStateTable.MAX_GROUP + 1) + " consumer groups");
            }
            return next;
        });
    }

    private Stripe stripeOf(int hash) {
        return stripes[stripeIndex(hash, stripes.length)];
    }

    /**
     * The stripe of a key whose {@link KeyStateTable#hash} is {@code hash}, among {@code count}: from
     * its high bits, where a stripe's table picks slots by the low bits. Keys of one stripe share the
     * bits that chose it; were those the bits that pick slots, they would crowd into a fraction of
     * the table.
     */
    static int stripeIndex(int hash, int count) {
        return (int) (((hash & 0xFFFF_FFFFL) * count) >>> 32);
    }

    private static void requireAcquired(Claim claim) {
        if (!claim.acquired()) {
            throw new IllegalArgumentException("only an acquired claim can be completed or released: " + claim);
        }
    }

    /** The number a token of this store stands for. */
    private static long tokenOf(Claim claim) {
        try {
            return Long.parseLong(claim.token(), Character.MAX_RADIX);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a claim of this store: " + claim, e);
        }
    }

    /**
     * One lock's share of the keys, in two generations. Its tokens count its claims: a token is only
     * compared with the one held for the same key, and a key always falls in the same stripe.
     */
    private static final class Stripe {

        private final int generationSize;
        private KeyStateTable current;
        private KeyStateTable previous;
        private long tokens;

        Stripe(int share) {
            this.generationSize = share;
            this.current = new KeyStateTable();
            this.previous = new KeyStateTable();
        }

        /** Adds a key neither generation holds; a full current generation first becomes the previous one. */
        void add(int group, String key, int hash, long token, long expiresAtMillis) {
            if (current.size() >= generationSize) {
                KeyStateTable dropped = previous;
                previous = current;
                dropped.clear();
                current = dropped;
            }
            current.add(group, key, hash, token, expiresAtMillis);
        }
    }
}
