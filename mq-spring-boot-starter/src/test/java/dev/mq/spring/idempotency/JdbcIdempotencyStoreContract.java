package dev.mq.spring.idempotency;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every database the {@link JdbcIdempotencyStore} supports must do; a subclass per database
 * provides the DataSource. Lease and time-to-live ends are driven by a {@link MutableClock}.
 */
@Timeout(120)
abstract class JdbcIdempotencyStoreContract {

    static final String TABLE = "mq_idempotency_test";
    static final Duration LEASE = Duration.ofMinutes(1);
    static final Duration TTL = Duration.ofHours(1);

    final MutableClock clock = new MutableClock();
    DataSource dataSource;
    JdbcTemplate jdbc;
    JdbcIdempotencyStore store;

    abstract DataSource dataSource();

    abstract JdbcDialect expectedDialect();

    @BeforeEach
    void freshTables() {
        dataSource = dataSource();
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("DROP TABLE IF EXISTS " + TABLE);
        jdbc.execute("DROP TABLE IF EXISTS mq_test_orders");
        jdbc.execute("CREATE TABLE mq_test_orders (id VARCHAR(64) NOT NULL)");
        store = newStore(JdbcIdempotencyStore.Cleanup.DEFAULT);
        store.createTableIfMissing();
    }

    JdbcIdempotencyStore newStore(JdbcIdempotencyStore.Cleanup cleanup) {
        return new JdbcIdempotencyStore(dataSource, TABLE, cleanup, clock);
    }

    @Test
    void readsTheDialectFromTheConnection() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(JdbcDialect.of(connection.getMetaData())).isEqualTo(expectedDialect());
        }
    }

    @Test
    void creatingTheTableAgainChangesNothing() {
        Claim claim = store.claim("g", "k", LEASE);
        store.complete(claim, TTL);
        store.createTableIfMissing();
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
    }

    @Test
    void aCompletedKeyIsNotProcessedAgainUntilItsTtlEnds() {
        Claim first = store.claim("g", "k", LEASE);
        assertThat(first.status()).isEqualTo(Claim.Status.ACQUIRED);
        store.complete(first, TTL);
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
        clock.advance(TTL.minusSeconds(1));
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
        clock.advance(Duration.ofSeconds(2));
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void groupsAndKeysAreSeparate() {
        store.complete(store.claim("g", "k", LEASE), TTL);
        assertThat(store.claim("other-group", "k", LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
        assertThat(store.claim("g", "K", LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void aLiveClaimKeepsDuplicatesOutAndAnExpiredOneIsTakenOver() {
        Claim first = store.claim("g", "k", LEASE);
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
        clock.advance(LEASE.plusSeconds(1));
        Claim second = store.claim("g", "k", LEASE);
        assertThat(second.status()).isEqualTo(Claim.Status.ACQUIRED);
        assertThat(second.token()).isNotEqualTo(first.token());

        store.complete(first, TTL); // the holder that lost its lease does not count
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
        store.complete(second, TTL);
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
    }

    @Test
    void aStaleHolderCannotReleaseATakenOverClaim() {
        Claim first = store.claim("g", "k", LEASE);
        clock.advance(LEASE.plusSeconds(1));
        Claim second = store.claim("g", "k", LEASE);
        store.release(first);
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
        store.release(second);
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void aReleasedClaimLetsTheRetryRunButAReleaseAfterCompletionChangesNothing() {
        Claim first = store.claim("g", "k", LEASE);
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
    void manyThreadsTakingOverOneExpiredClaimAcquireItExactlyOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            store.claim("g", "key-" + round, LEASE);
        }
        clock.advance(LEASE.plusSeconds(1));
        for (int round = 0; round < 10; round++) {
            List<Claim> claims = ConcurrentClaims.claimTogether(store, "g", "key-" + round, LEASE, 12);
            assertThat(claims).filteredOn(Claim::acquired).hasSize(1);
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
    void completeJoinsTheCallersTransactionSoARollbackLeavesTheKeyToTheRetry() {
        assertThat(store.completesInCallerTransaction()).isTrue();
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        // first delivery: the listener writes, the key is marked, then the listener fails
        Claim first = store.claim("g", "order-1", LEASE);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO mq_test_orders (id) VALUES (?)", "order-1");
            store.complete(first, TTL);
            throw new IllegalStateException("listener failed");
        })).hasMessage("listener failed");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mq_test_orders", Integer.class)).isZero();
        store.release(first); // what the container does after a failure

        // the broker's retry runs and commits
        Claim retry = store.claim("g", "order-1", LEASE);
        assertThat(retry.status()).isEqualTo(Claim.Status.ACQUIRED);
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO mq_test_orders (id) VALUES (?)", "order-1");
            store.complete(retry, TTL);
        });

        assertThat(store.claim("g", "order-1", LEASE).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mq_test_orders", Integer.class)).isEqualTo(1);
    }

    @Test
    void claimAndReleaseCommitOnTheirOwnInsideATransactionThatRollsBack() {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Claim[] claimed = new Claim[1];
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            claimed[0] = store.claim("g", "k", LEASE);
            store.claim("g", "released", LEASE);
            // visible to other connections before this transaction ends
            assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(claimed[0].acquired()).isTrue();
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            store.release(claimed[0]);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(store.claim("g", "k", LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void deletesExpiredRowsInBoundedBatches() {
        JdbcIdempotencyStore small = newStore(new JdbcIdempotencyStore.Cleanup(Duration.ofMinutes(10), 2));
        for (String key : List.of("a", "b", "c", "d", "e")) {
            small.complete(small.claim("g", key, LEASE), TTL);
        }
        small.complete(small.claim("g", "young", LEASE), TTL.multipliedBy(3));
        clock.advance(TTL.plusSeconds(1));

        assertThat(small.deleteExpired()).isEqualTo(2);
        assertThat(small.deleteExpired()).isEqualTo(2);
        assertThat(small.deleteExpired()).isEqualTo(1);
        assertThat(small.deleteExpired()).isZero();
        assertThat(rows()).isEqualTo(1);
        assertThat(small.claim("g", "young", LEASE).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
    }

    @Test
    void claimsDeleteExpiredRowsNowAndThenAndKeepUpWhileBatchesAreFull() {
        JdbcIdempotencyStore small = newStore(new JdbcIdempotencyStore.Cleanup(Duration.ofMinutes(10), 2));
        for (String key : List.of("a", "b", "c", "d", "e")) {
            small.complete(small.claim("g", key, LEASE), TTL);
        }
        clock.advance(TTL.plusSeconds(1));

        small.claim("g", "new-1", LEASE); // a full batch of 2: the next claim deletes again
        assertThat(rows()).isEqualTo(4);
        small.claim("g", "new-2", LEASE); // another full batch
        assertThat(rows()).isEqualTo(3);
        small.claim("g", "new-3", LEASE); // the last expired row; the batch was not full
        assertThat(rows()).isEqualTo(3);
        small.complete(small.claim("g", "z", LEASE), Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        small.claim("g", "new-4", LEASE); // "z" expired, but the interval has not passed yet
        assertThat(rows()).isEqualTo(5);
        clock.advance(Duration.ofMinutes(10));
        small.claim("g", "new-5", LEASE); // the interval passed: 5 expired rows (claims included), a batch of 2 goes
        assertThat(rows()).isEqualTo(4);
        small.claim("g", "new-6", LEASE); // the batch was full: 2 more
        assertThat(rows()).isEqualTo(3);
        small.claim("g", "new-7", LEASE); // the last one
        assertThat(rows()).isEqualTo(3);
        assertThat(small.claim("g", "new-7", LEASE).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
    }

    @Test
    void refusesKeysTheTableCannotHoldAndUnacquiredClaims() {
        assertThatThrownBy(() -> store.claim("g", "k".repeat(501), LEASE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 500 characters");
        assertThatThrownBy(() -> store.claim("", "k", LEASE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.claim("g", "k", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
        store.claim("g", "k", LEASE);
        Claim held = store.claim("g", "k", LEASE);
        assertThatThrownBy(() -> store.complete(held, TTL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.release(held)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheLongestKeyItAccepts() {
        String longest = "k".repeat(500);
        store.complete(store.claim("g".repeat(255), longest, LEASE), TTL);
        assertThat(store.claim("g".repeat(255), longest, LEASE).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
    }

    int rows() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Integer.class);
        return count == null ? -1 : count;
    }
}
