package dev.mq.spring.idempotency;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Redis store against a real redis-server (see {@link TestServices}). Redis expires keys by its
 * own clock, so lease and time-to-live ends are awaited with short durations and polling.
 */
@Timeout(120)
class RedisIdempotencyStoreTest {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration TTL = Duration.ofHours(1);
    private static final Duration SHORT = Duration.ofMillis(300);

    private static LettuceConnectionFactory connectionFactory;
    private static StringRedisTemplate redis;

    private String prefix;
    private RedisIdempotencyStore store;

    @BeforeAll
    static void connect() {
        connectionFactory = TestServices.redis();
        redis = new StringRedisTemplate(connectionFactory);
    }

    @AfterAll
    static void disconnect() {
        connectionFactory.destroy();
    }

    @BeforeEach
    void storeWithItsOwnPrefix() {
        prefix = "mq:test:" + UUID.randomUUID() + ":";
        store = new RedisIdempotencyStore(redis, prefix);
    }

    @AfterEach
    void deleteThisTestsKeys() {
        Set<String> keys = redis.keys(prefix + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    @Test
    void keepsEachKeyUnderPrefixGroupAndKeyWithTheLeaseThenTheTtlAsExpiry() {
        Claim claim = store.claim("orders", "k-1", LEASE);
        String redisKey = prefix + "orders:k-1";
        assertThat(redis.opsForValue().get(redisKey)).isEqualTo("claimed:" + claim.token());
        assertThat(redis.getExpire(redisKey)).isBetween(1L, LEASE.toSeconds());

        store.complete(claim, TTL);
        assertThat(redis.opsForValue().get(redisKey)).isEqualTo("processed:" + claim.token());
        assertThat(redis.getExpire(redisKey)).isGreaterThan(LEASE.toSeconds()).isLessThanOrEqualTo(TTL.toSeconds());
    }

    @Test
    void aCompletedKeyRunsAgainOnceItsTtlEnded() {
        Claim first = store.claim("g", "k", LEASE);
        assertThat(first.status()).isEqualTo(Claim.Status.ACQUIRED);
        store.complete(first, SHORT); // acknowledged while it lasts: aProcessedKeyIsAcknowledgedWhileItsTtlLasts
        await().atMost(Duration.ofSeconds(10)).until(() -> store.claim("g", "k", LEASE).acquired());
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
    }

    @Test
    void aProcessedKeyIsAcknowledgedWhileItsTtlLasts() {
        store.complete(store.claim("g", "k", LEASE), TTL);
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
        assertThat(store.claim("other-group", "k", LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
        assertThat(store.claim("g", "K", LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void aLiveClaimKeepsDuplicatesOutAndAnExpiredOneIsTakenOver() {
        Claim first = store.claim("g", "k", SHORT);
        assertThat(first.acquired()).isTrue();
        Claim second = await().atMost(Duration.ofSeconds(10))
                .until(() -> store.claim("g", "k", LEASE), Claim::acquired);
        assertThat(second.token()).isNotEqualTo(first.token());

        store.complete(first, TTL); // the holder that lost its lease does not count
        store.release(first);
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
        store.complete(second, TTL);
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
    }

    @Test
    void aReleasedClaimLetsTheRetryRunButAReleaseAfterCompletionChangesNothing() {
        Claim first = store.claim("g", "k", LEASE);
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
        store.release(first);
        Claim retry = store.claim("g", "k", LEASE);
        assertThat(retry.status()).isEqualTo(Claim.Status.ACQUIRED);
        store.complete(retry, TTL);
        store.release(retry);
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
    }

    @Test
    void manyThreadsClaimingOneKeyAcquireItExactlyOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            List<Claim> claims = ConcurrentClaims.claimTogether(store, "g", "key-" + round, LEASE, 12);
            assertThat(claims).filteredOn(Claim::acquired).hasSize(1);
            assertThat(claims).filteredOn(claim -> claim.status() == Claim.Status.HELD_ELSEWHERE).hasSize(11);
        }
    }

    @Test
    void duplicatesDeliveredConcurrentlyAreProcessedOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            assertThat(ConcurrentClaims.processDuplicates(store, "g", "order-" + round, 12)).isEqualTo(1);
            assertThat(store.claim("g", "order-" + round, LEASE).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
        }
    }

    @Test
    void refusesAmbiguousNamesAndUnacquiredClaims() {
        assertThatThrownBy(() -> store.claim("a:b", "k", LEASE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without ':'");
        assertThatThrownBy(() -> store.claim("g", "", LEASE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.claim("g", "k", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
        assertThatThrownBy(() -> new RedisIdempotencyStore(redis, "")).isInstanceOf(IllegalArgumentException.class);
        store.claim("g", "k", LEASE);
        Claim held = store.claim("g", "k", LEASE);
        assertThatThrownBy(() -> store.complete(held, TTL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesNotJoinDatabaseTransactions() {
        assertThat(store.completesInCallerTransaction()).isFalse();
    }
}
