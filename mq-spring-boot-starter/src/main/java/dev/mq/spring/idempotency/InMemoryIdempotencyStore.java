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
    /** The most keys a store can be asked to remember: each of its stripes' tables full. */
    public static final int MAX_KEYS = MAX_STRIPES * KeyStateTable.MAX_KEYS;
    /** Bits of a token that name a slot: enough for the largest table. */
    private static final int SLOT_BITS = Integer.numberOfTrailingZeros(KeyStateTable.MAX_CAPACITY);
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

    private final Clock clock;
    private final Stripe[] stripes;
    /** Each group's number, which the tables store instead of its name; never forgotten (groups are few). */
    private final ConcurrentHashMap<String, Integer> groupNumbers = new ConcurrentHashMap<>();
    private final AtomicInteger groupsNumbered = new AtomicInteger();
    /** The group last numbered, looked up without hashing while one group's messages come in. */
    private volatile GroupNumber lastGroup;

    private record GroupNumber(String name, int number) {
    }

    public InMemoryIdempotencyStore(int maxKeys, Clock clock) {
        if (maxKeys < 1 || maxKeys > MAX_KEYS) {
            throw new IllegalArgumentException("maxKeys must be between 1 and " + MAX_KEYS + ", got " + maxKeys);
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
            long sequence = ++stripe.claims;
            if (slot < 0) {
                int added = stripe.add(groupNumber, key, hash, now + lease.toMillis());
                token = token(sequence, added);
                stripe.current.setToken(added, token);
            } else {
                token = token(sequence, slot);
                table.claimAgain(slot, token, now + lease.toMillis()); // keeps its generation
            }
        }
        // hexadecimal: Long.toString in another radix divides once a digit, tens of nanoseconds a claim
        return new Claim(group, key, Claim.Status.ACQUIRED, Long.toHexString(token));
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
            int slot = slotClaimed(table, token, groupNumber, claim.key(), hash);
            if (slot < 0) {
                table = stripe.previous;
                slot = slotClaimed(table, token, groupNumber, claim.key(), hash);
            }
            if (slot >= 0) {
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
            int slot = slotClaimed(table, token, groupNumber, claim.key(), hash);
            if (slot < 0) {
                table = stripe.previous;
                slot = slotClaimed(table, token, groupNumber, claim.key(), hash);
            }
            if (slot >= 0 && !table.processed(slot)) {
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
        GroupNumber last = lastGroup;
        if (last != null && last.name() == group) { // a listener passes the same name every time
            return last.number();
        }
        int number = numberOf(group);
        lastGroup = new GroupNumber(group, number);
        return number;
    }

    private int numberOf(String group) {
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

    /**
     * A claim's token: the stripe's count of claims, and in the low {@value #SLOT_BITS} bits the
     * slot its key had then, so that completing it usually finds the key without looking it up.
     */
    private static long token(long sequence, int slot) {
        return (sequence << SLOT_BITS) | slot;
    }

    /**
     * The slot of {@code table} whose key is held by the claim with {@code token}, or -1: the slot the
     * token names when its key is still there (tokens are never given twice, so the token alone
     * proves it), else the key's slot, looked up, if its token is this one. A key moves when a
     * removal shifts its probe run, when its table grows, and with its generation.
     */
    private static int slotClaimed(KeyStateTable table, long token, int group, String key, int hash) {
        int named = (int) (token & SLOT_MASK);
        if (table.holdsToken(named, hash, token)) {
            return named;
        }
        int slot = table.find(group, key, hash);
        return slot >= 0 && table.token(slot) == token ? slot : -1;
    }

    /** The number a token of this store stands for. */
    private static long tokenOf(Claim claim) {
        try {
            return Long.parseUnsignedLong(claim.token(), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a claim of this store: " + claim, e);
        }
    }

    /**
     * One lock's share of the keys, in two generations. Its tokens count its claims: a token is only
     * compared with those held in the same stripe, since a key always falls in the same stripe (the
     * count would wrap after 2^40 claims of one stripe, years at a million claims a second).
     */
    private static final class Stripe {

        private final int generationSize;
        private KeyStateTable current;
        private KeyStateTable previous;
        private long claims;

        Stripe(int share) {
            this.generationSize = share;
            this.current = new KeyStateTable();
            this.previous = new KeyStateTable();
        }

        /**
         * Adds a key neither generation holds, without a token yet; a full current generation first
         * becomes the previous one. Returns the key's slot in the current generation.
         */
        int add(int group, String key, int hash, long expiresAtMillis) {
            if (current.size() >= generationSize) {
                KeyStateTable dropped = previous;
                previous = current;
                dropped.clear();
                current = dropped;
            }
            return current.add(group, key, hash, 0, expiresAtMillis);
        }
    }
}
