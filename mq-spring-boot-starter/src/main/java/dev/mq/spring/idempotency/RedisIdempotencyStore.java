package dev.mq.spring.idempotency;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An {@link IdempotencyStore} in Redis, shared by every instance of the application. Each key of a
 * group is one Redis string, {@code <prefix><group>:<key>}, whose value says who claimed it
 * ({@code claimed:<token>}) or that it was processed ({@code processed:<token>}), and which Redis
 * itself expires at the end of the lease or the time to live: nothing to clean up, and lease ends
 * follow the Redis server's clock.
 *
 * <p>Each operation is one small Lua script ({@code claim.lua}, {@code complete.lua},
 * {@code release.lua} beside this class), so it is atomic: a claim is {@code SET NX PX}, and
 * completing or releasing checks the holder's token first, so a holder whose lease ended and
 * whose key was taken over changes nothing. Every script touches one key, so a Redis Cluster
 * serves it too.
 *
 * <p>{@link #complete} does not join a database transaction: with a transactional listener the
 * key is marked processed after the method returned, not atomically with its database writes.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {

    private static final Log log = LogFactory.getLog(RedisIdempotencyStore.class);

    private static final RedisScript<String> CLAIM = script("claim.lua", String.class);
    private static final RedisScript<Long> COMPLETE = script("complete.lua", Long.class);
    private static final RedisScript<Long> RELEASE = script("release.lua", Long.class);

    private static final long MAX_EXPIRY_MILLIS = Duration.ofDays(365L * 1000).toMillis();

    private final StringRedisTemplate redis;
    private final String keyPrefix;

    /** A store whose Redis keys start with {@code keyPrefix}. */
    public RedisIdempotencyStore(StringRedisTemplate redis, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        if (keyPrefix == null || keyPrefix.isEmpty()) {
            throw new IllegalArgumentException("the Redis key prefix must not be empty");
        }
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Claim claim(String group, String key, Duration lease) {
        ClaimChecks.requirePositive(lease, "lease");
        String token = UUID.randomUUID().toString();
        String outcome = redis.execute(CLAIM, List.of(redisKey(group, key)), token, millis(lease));
        if (outcome == null) {
            throw new IllegalStateException("Redis answered nothing to the claim of idempotency key " + key
                    + " of group " + group);
        }
        return switch (outcome) {
            case "acquired" -> new Claim(group, key, Claim.Status.ACQUIRED, token);
            case "processed" -> new Claim(group, key, Claim.Status.ALREADY_PROCESSED, null);
            case "held" -> new Claim(group, key, Claim.Status.HELD_ELSEWHERE, null);
            default -> throw new IllegalStateException("claim.lua answered " + outcome
                    + " for idempotency key " + key + " of group " + group);
        };
    }

    @Override
    public void complete(Claim claim, Duration ttl) {
        ClaimChecks.requireAcquired(claim);
        ClaimChecks.requirePositive(ttl, "ttl");
        Long marked = redis.execute(COMPLETE, List.of(redisKey(claim.group(), claim.key())), claim.token(), millis(ttl));
        if (!Long.valueOf(1).equals(marked) && log.isDebugEnabled()) {
            log.debug("Idempotency key " + claim.key() + " of group " + claim.group()
                    + " was not marked processed: its claim expired or was taken over");
        }
    }

    @Override
    public void release(Claim claim) {
        ClaimChecks.requireAcquired(claim);
        redis.execute(RELEASE, List.of(redisKey(claim.group(), claim.key())), claim.token());
    }

    /** The Redis key that holds {@code key} of {@code group}. */
    String redisKey(String group, String key) {
        if (group == null || group.isEmpty() || group.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a consumer group name without ':' is needed (RocketMQ group names "
                    + "have none), got " + group);
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an idempotency key must not be empty");
        }
        return keyPrefix + group + ':' + key;
    }

    /** Whole milliseconds, at least 1 and at most a thousand years (Redis refuses zero and overflowing expiries). */
    private static String millis(Duration duration) {
        return Long.toString(Math.max(1, ClaimChecks.millisUpTo(duration, MAX_EXPIRY_MILLIS)));
    }

    private static <T> RedisScript<T> script(String name, Class<T> resultType) {
        return RedisScript.of(new ClassPathResource(name, RedisIdempotencyStore.class), resultType);
    }
}
