package dev.mq.spring.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An {@link IdempotencyStore} in this process's memory: right for one instance of an application,
 * lost on restart. Holds at most {@code maxKeys} keys; beyond that the oldest entries are forgotten
 * first (a forgotten key that is delivered again runs again).
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final Clock clock;
    private final int maxKeys;
    private final LinkedHashMap<Entry.Id, Entry> entries;

    public InMemoryIdempotencyStore(int maxKeys, Clock clock) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Entry.Id, Entry> eldest) {
                return size() > InMemoryIdempotencyStore.this.maxKeys;
            }
        };
    }

    @Override
    public Claim claim(String group, String key, Duration lease) {
        Instant now = clock.instant();
        Entry.Id id = new Entry.Id(group, key);
        // made before taking the lock: a random UUID waits for the shared SecureRandom, and all
        // consume threads would queue behind whichever thread holds the map while it does
        String token = UUID.randomUUID().toString();
        synchronized (entries) {
            Entry existing = entries.get(id);
            if (existing != null && existing.expiresAt().isAfter(now)) {
                return new Claim(group, key,
                        existing.processed() ? Claim.Status.ALREADY_PROCESSED : Claim.Status.HELD_ELSEWHERE, null);
            }
            entries.remove(id);
            entries.put(id, new Entry(token, false, now.plus(lease)));
            return new Claim(group, key, Claim.Status.ACQUIRED, token);
        }
    }

    @Override
    public void complete(Claim claim, Duration ttl) {
        requireAcquired(claim);
        Entry.Id id = new Entry.Id(claim.group(), claim.key());
        synchronized (entries) {
            Entry existing = entries.get(id);
            if (existing != null && existing.token().equals(claim.token())) {
                entries.put(id, new Entry(claim.token(), true, clock.instant().plus(ttl)));
            }
        }
    }

    @Override
    public void release(Claim claim) {
        requireAcquired(claim);
        Entry.Id id = new Entry.Id(claim.group(), claim.key());
        synchronized (entries) {
            Entry existing = entries.get(id);
            if (existing != null && !existing.processed() && existing.token().equals(claim.token())) {
                entries.remove(id);
            }
        }
    }

    /** Keys held now, processed or claimed (expired ones included until they are replaced or evicted). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static void requireAcquired(Claim claim) {
        if (!claim.acquired()) {
            throw new IllegalArgumentException("only an acquired claim can be completed or released: " + claim);
        }
    }

    private record Entry(String token, boolean processed, Instant expiresAt) {

        record Id(String group, String key) {
        }
    }
}
