package dev.mq.spring.idempotency;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link IdempotencyStore} in a table of the application's own database (PostgreSQL, MySQL or
 * MariaDB, H2; the dialect is read from the connection's metadata), shared by every instance of
 * the application.
 *
 * <p>{@link #claim} and {@link #release} run on a connection of their own in auto-commit mode, so
 * they take effect at once even when the caller is inside a Spring transaction. {@link #complete}
 * takes the connection of the caller's Spring transaction when there is one
 * ({@link DataSourceUtils#getConnection}): the key is marked processed only if that transaction
 * commits.
 *
 * <p>A claim is atomic under concurrency: an insert guarded by the primary key (group, key), or,
 * when the row exists but has expired, one conditional update that only one claimer can win.
 * Lease and time-to-live ends are computed from this store's {@link Clock}, so the application
 * instances sharing the table need clocks that agree (NTP) to well within a lease.
 *
 * <p>Expired rows count as absent and are overwritten by the next claim of their key. So that keys
 * never seen again do not pile up, a claim deletes expired rows now and then: at most one batch
 * ({@link Cleanup#batchSize()}) per {@link Cleanup#interval()}, and another batch on the next
 * claim while a full batch was found, so the deletions keep pace with the keys that expire.
 */
public final class JdbcIdempotencyStore implements IdempotencyStore {

    private static final Log log = LogFactory.getLog(JdbcIdempotencyStore.class);

    /** Rounds of insert / take over / read when the row vanishes between them (a release or a cleanup). */
    private static final int CLAIM_ROUNDS = 3;

    private final DataSource dataSource;
    private final DataSource ownConnections;
    private final Clock clock;
    private final Cleanup cleanup;
    private final JdbcDialect dialect;
    private final IdempotencyTableSql sql;
    private final String tableName;
    private final SQLExceptionTranslator translator;
    private final AtomicLong nextCleanupAt = new AtomicLong(Long.MIN_VALUE);

    /** A store in {@code tableName} with the default {@link Cleanup}; reads the dialect from a connection. */
    public JdbcIdempotencyStore(DataSource dataSource, String tableName, Clock clock) {
        this(dataSource, tableName, Cleanup.DEFAULT, clock);
    }

    /** A store in {@code tableName}; reads the dialect from a connection, so the database must be reachable. */
    public JdbcIdempotencyStore(DataSource dataSource, String tableName, Cleanup cleanup, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.ownConnections = outsideSpringTransactions(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
        this.tableName = tableName;
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
        this.dialect = withOwnConnection("read the database product", con -> JdbcDialect.of(con.getMetaData()));
        this.sql = new IdempotencyTableSql(dialect, tableName, cleanup.batchSize());
    }

    /** Creates the table and its expiry index unless they exist. */
    public void createTableIfMissing() {
        withOwnConnection("create the idempotency table " + tableName, con -> {
            try (Statement statement = con.createStatement()) {
                for (String ddl : sql.createTable) {
                    statement.execute(ddl);
                }
            }
            return null;
        });
    }

    @Override
    public Claim claim(String group, String key, Duration lease) {
        checkGroupAndKey(group, key);
        ClaimChecks.requirePositive(lease, "lease");
        long now = clock.millis();
        deleteExpiredWhenDue(now);
        String token = UUID.randomUUID().toString();
        long expiresAt = plus(now, lease);
        return withOwnConnection("claim idempotency key " + key + " of group " + group, con -> {
            for (int round = 0; round < CLAIM_ROUNDS; round++) {
                if (insertClaim(con, group, key, token, expiresAt) || takeOverExpired(con, group, key, token, expiresAt, now)) {
                    return new Claim(group, key, Claim.Status.ACQUIRED, token);
                }
                Claim.Status live = liveStatus(con, group, key, now);
                if (live != null) {
                    return new Claim(group, key, live, null);
                }
            }
            // The row keeps vanishing and reappearing under us: someone else is busy with the key;
            // the broker delivers the message again later.
            return new Claim(group, key, Claim.Status.HELD_ELSEWHERE, null);
        });
    }

    @Override
    public void complete(Claim claim, Duration ttl) {
        ClaimChecks.requireAcquired(claim);
        ClaimChecks.requirePositive(ttl, "ttl");
        long expiresAt = plus(clock.millis(), ttl);
        Connection con = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = con.prepareStatement(sql.complete)) {
            statement.setLong(1, expiresAt);
            statement.setString(2, claim.group());
            statement.setString(3, claim.key());
            statement.setString(4, claim.token());
            if (statement.executeUpdate() == 0 && log.isDebugEnabled()) {
                log.debug("Idempotency key " + claim.key() + " of group " + claim.group()
                        + " was not marked processed: its claim was taken over or released");
            }
        } catch (SQLException e) {
            throw translate("mark idempotency key " + claim.key() + " processed", sql.complete, e);
        } finally {
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }

    @Override
    public void release(Claim claim) {
        ClaimChecks.requireAcquired(claim);
        withOwnConnection("release idempotency key " + claim.key() + " of group " + claim.group(), con -> {
            try (PreparedStatement statement = con.prepareStatement(sql.release)) {
                statement.setString(1, claim.group());
                statement.setString(2, claim.key());
                statement.setString(3, claim.token());
                return statement.executeUpdate();
            }
        });
    }

    /** {@code true}: {@link #complete} joins the caller's Spring transaction on this store's DataSource. */
    @Override
    public boolean completesInCallerTransaction() {
        return true;
    }

    /**
     * Deletes one batch of rows whose lease or time to live has ended, at most
     * {@link Cleanup#batchSize()}; claims call it on their own (see the class comment).
     *
     * @return how many rows were deleted
     */
    public int deleteExpired() {
        return deleteExpired(clock.millis());
    }

    private int deleteExpired(long now) {
        return withOwnConnection("delete expired idempotency keys from " + tableName, con -> {
            try (PreparedStatement statement = con.prepareStatement(sql.deleteExpired)) {
                statement.setLong(1, now);
                statement.setLong(2, now);
                return statement.executeUpdate();
            }
        });
    }

    private void deleteExpiredWhenDue(long now) {
        long due = nextCleanupAt.get();
        if (now < due || !nextCleanupAt.compareAndSet(due, plus(now, cleanup.interval()))) {
            return;
        }
        try {
            if (deleteExpired(now) >= cleanup.batchSize()) {
                nextCleanupAt.set(now); // more are waiting: the next claim deletes another batch
            }
        } catch (DataAccessException e) {
            // The claim itself does not depend on the cleanup; it is tried again after the interval.
            log.warn("Could not delete expired idempotency keys from " + tableName + "; trying again in "
                    + cleanup.interval(), e);
        }
    }

    private boolean insertClaim(Connection con, String group, String key, String token, long expiresAt)
            throws SQLException {
        try (PreparedStatement statement = con.prepareStatement(sql.insertClaim)) {
            statement.setString(1, group);
            statement.setString(2, key);
            statement.setString(3, token);
            statement.setLong(4, expiresAt);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (dialect.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private boolean takeOverExpired(Connection con, String group, String key, String token, long expiresAt, long now)
            throws SQLException {
        try (PreparedStatement statement = con.prepareStatement(sql.takeOverExpired)) {
            statement.setString(1, token);
            statement.setLong(2, expiresAt);
            statement.setString(3, group);
            statement.setString(4, key);
            statement.setLong(5, now);
            return statement.executeUpdate() == 1;
        }
    }

    /** The status of the key's unexpired row, or null when there is none. */
    private Claim.Status liveStatus(Connection con, String group, String key, long now) throws SQLException {
        try (PreparedStatement statement = con.prepareStatement(sql.read)) {
            statement.setString(1, group);
            statement.setString(2, key);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next() || row.getLong(2) <= now) {
                    return null;
                }
                return IdempotencyTableSql.PROCESSED.equals(row.getString(1))
                        ? Claim.Status.ALREADY_PROCESSED : Claim.Status.HELD_ELSEWHERE;
            }
        }
    }

    /**
     * Runs {@code work} on a connection of its own in auto-commit mode: never the one bound to a
     * Spring transaction, so what it writes commits at once whatever the caller's transaction does.
     */
    private <T> T withOwnConnection(String task, ConnectionWork<T> work) {
        try (Connection con = ownConnections.getConnection()) {
            boolean autoCommit = con.getAutoCommit();
            if (!autoCommit) {
                con.setAutoCommit(true);
            }
            try {
                return work.run(con);
            } finally {
                if (!autoCommit) {
                    con.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw translate(task, null, e);
        }
    }

    private DataAccessException translate(String task, String statement, SQLException e) {
        DataAccessException translated = translator.translate("Could not " + task, statement, e);
        return translated != null ? translated : new UncategorizedSQLException("Could not " + task, statement, e);
    }

    private static DataSource outsideSpringTransactions(DataSource dataSource) {
        if (dataSource instanceof TransactionAwareDataSourceProxy proxy && proxy.getTargetDataSource() != null) {
            return proxy.getTargetDataSource();
        }
        return dataSource;
    }

    private static void checkGroupAndKey(String group, String key) {
        if (group == null || group.isEmpty() || group.length() > JdbcDialect.MAX_GROUP_LENGTH) {
            throw new IllegalArgumentException("a consumer group of 1 to " + JdbcDialect.MAX_GROUP_LENGTH
                    + " characters is needed, got " + group);
        }
        if (key == null || key.isEmpty() || key.length() > JdbcDialect.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("an idempotency key of 1 to " + JdbcDialect.MAX_KEY_LENGTH
                    + " characters is needed, got " + (key == null ? null : key.length() + " characters"));
        }
    }

    /** {@code millis + duration}, saturating at the largest instant instead of overflowing. */
    private static long plus(long millis, Duration duration) {
        long durationMillis = ClaimChecks.millisUpTo(duration, Long.MAX_VALUE);
        return durationMillis > Long.MAX_VALUE - millis ? Long.MAX_VALUE : millis + durationMillis;
    }

    /**
     * How often and how much a store deletes expired rows.
     *
     * @param interval  the least time between two cleanups while they find fewer than a batch
     * @param batchSize the most rows one cleanup deletes
     */
    public record Cleanup(Duration interval, int batchSize) {

        /** Once a minute, at most 1000 rows at a time. */
        public static final Cleanup DEFAULT = new Cleanup(Duration.ofMinutes(1), 1000);

        public Cleanup {
            ClaimChecks.requirePositive(interval, "cleanup interval");
            if (batchSize < 1) {
                throw new IllegalArgumentException("cleanup batch size must be at least 1, got " + batchSize);
            }
        }
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection con) throws SQLException;
    }
}
