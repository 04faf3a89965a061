package dev.mq.spring.idempotency;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The SQL that differs between the databases the {@link JdbcIdempotencyStore} supports: the table's
 * DDL, claiming a free key without an error when it is taken, and deleting a bounded batch of
 * expired rows. Statements that are the same everywhere live in {@link IdempotencyTableSql}.
 */
enum JdbcDialect {

    POSTGRESQL {
        @Override
        List<String> createTable(String table) {
            return List.of(
                    "CREATE TABLE IF NOT EXISTS " + table + " (" + COLUMNS + ", PRIMARY KEY (consumer_group, message_key))",
                    "CREATE INDEX IF NOT EXISTS " + expiryIndex(table) + " ON " + table + " (expires_at)");
        }

        @Override
        String insertClaim(String table) {
            // ON CONFLICT: a taken key answers "0 rows" instead of an error (which would also fill
            // the server log with unique-violation messages on every duplicate delivery).
            return IdempotencyTableSql.insertClaim(table) + " ON CONFLICT (consumer_group, message_key) DO NOTHING";
        }

        @Override
        String deleteExpired(String table, int batchSize) {
            // PostgreSQL has no DELETE ... LIMIT; the outer expiry check makes a row that was taken
            // over meanwhile (a new row version) survive.
            return "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table
                    + " WHERE expires_at <= ? LIMIT " + batchSize + ") AND expires_at <= ?";
        }

        @Override
        boolean isDuplicateKey(SQLException e) {
            return "23505".equals(e.getSQLState());
        }
    },

    MYSQL {
        @Override
        List<String> createTable(String table) {
            // utf8mb4_bin: keys compare byte for byte ("Key" and "key" are two keys), unlike the
            // default case-insensitive collation. 255 + 500 characters of utf8mb4 fit InnoDB's
            // 3072-byte key limit. MySQL has no CREATE INDEX IF NOT EXISTS, so the index is inline.
            return List.of("CREATE TABLE IF NOT EXISTS " + table + " (" + COLUMNS
                    + ", PRIMARY KEY (consumer_group, message_key), INDEX " + expiryIndex(table) + " (expires_at))"
                    + " DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }

        @Override
        String insertClaim(String table) {
            // Not INSERT IGNORE: it would also turn other errors (a too long value) into warnings.
            return IdempotencyTableSql.insertClaim(table);
        }

        @Override
        String deleteExpired(String table, int batchSize) {
            return "DELETE FROM " + table + " WHERE expires_at <= ? AND expires_at <= ? LIMIT " + batchSize;
        }

        @Override
        boolean isDuplicateKey(SQLException e) {
            return e.getErrorCode() == 1062; // ER_DUP_ENTRY
        }
    },

    H2 {
        @Override
        List<String> createTable(String table) {
            return POSTGRESQL.createTable(table);
        }

        @Override
        String insertClaim(String table) {
            return IdempotencyTableSql.insertClaim(table);
        }

        @Override
        String deleteExpired(String table, int batchSize) {
            return "DELETE FROM " + table + " WHERE expires_at <= ? AND expires_at <= ? FETCH FIRST " + batchSize
                    + " ROWS ONLY";
        }

        @Override
        boolean isDuplicateKey(SQLException e) {
            return "23505".equals(e.getSQLState());
        }
    };

    /** Longest group name the table holds (RocketMQ's own limit for group names). */
    static final int MAX_GROUP_LENGTH = 255;

    /** Longest idempotency key the table holds. */
    static final int MAX_KEY_LENGTH = 500;

    private static final String COLUMNS = "consumer_group VARCHAR(" + MAX_GROUP_LENGTH + ") NOT NULL, "
            + "message_key VARCHAR(" + MAX_KEY_LENGTH + ") NOT NULL, "
            + "status VARCHAR(16) NOT NULL, "
            + "claim_token VARCHAR(64) NOT NULL, "
            + "expires_at BIGINT NOT NULL";

    /** Statements that create the table and its expiry index when they are missing. */
    abstract List<String> createTable(String table);

    /**
     * Inserts a claim row: group, key, token, expiry millis. Either it inserts one row, or it
     * reports the taken key as 0 rows or as an exception that {@link #isDuplicateKey} recognises.
     */
    abstract String insertClaim(String table);

    /** Deletes at most {@code batchSize} rows expired by the time given twice as the parameters. */
    abstract String deleteExpired(String table, int batchSize);

    /** Whether the exception is a violation of the table's primary key. */
    abstract boolean isDuplicateKey(SQLException e);

    /** The dialect of the database a connection's metadata describes. */
    static JdbcDialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new IllegalStateException("The JDBC idempotency store supports PostgreSQL, MySQL (and MariaDB) and H2, "
                + "but the DataSource is " + product + "; use mq.idempotency.store=redis or memory, "
                + "or provide your own IdempotencyStore bean");
    }

    private static String expiryIndex(String table) {
        String suffix = "_expires";
        return table.length() + suffix.length() <= 63 ? table + suffix : table.substring(0, 63 - suffix.length()) + suffix;
    }
}
