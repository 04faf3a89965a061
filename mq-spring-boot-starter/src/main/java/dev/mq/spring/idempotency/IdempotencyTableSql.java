package dev.mq.spring.idempotency;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every statement the {@link JdbcIdempotencyStore} runs against its table, written once for a table
 * name and a {@link JdbcDialect}.
 *
 * <p>A row is one key of one group: {@code status} {@value #CLAIMED} while a consumer holds it and
 * {@value #PROCESSED} once its processing succeeded; {@code claim_token} names the holder;
 * {@code expires_at} (epoch milliseconds, computed by the application from its clock) ends the
 * claim's lease or the processed key's time to live. An expired row counts as absent.
 */
final class IdempotencyTableSql {

    static final String CLAIMED = "CLAIMED";
    static final String PROCESSED = "PROCESSED";

    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    final List<String> createTable;
    /** Parameters: group, key, token, expires_at. */
    final String insertClaim;
    /** Parameters: token, expires_at, group, key, now. */
    final String takeOverExpired;
    /** Parameters: group, key. Columns: status, expires_at. */
    final String read;
    /** Parameters: expires_at, group, key, token. */
    final String complete;
    /** Parameters: group, key, token. */
    final String release;
    /** Parameters: now, now. */
    final String deleteExpired;

    IdempotencyTableSql(JdbcDialect dialect, String table, int cleanupBatchSize) {
        if (table == null || !SQL_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("the idempotency table name must be a plain SQL name (letters, digits, '_', "
                    + "at most 63), got " + table);
        }
        if (cleanupBatchSize < 1) {
            throw new IllegalArgumentException("the cleanup batch size must be at least 1, got " + cleanupBatchSize);
        }
        createTable = dialect.createTable(table);
        insertClaim = dialect.insertClaim(table);
        takeOverExpired = "UPDATE " + table + " SET status = '" + CLAIMED + "', claim_token = ?, expires_at = ?"
                + " WHERE consumer_group = ? AND message_key = ? AND expires_at <= ?";
        read = "SELECT status, expires_at FROM " + table + " WHERE consumer_group = ? AND message_key = ?";
        complete = "UPDATE " + table + " SET status = '" + PROCESSED + "', expires_at = ?"
                + " WHERE consumer_group = ? AND message_key = ? AND claim_token = ? AND status = '" + CLAIMED + "'";
        release = "DELETE FROM " + table
                + " WHERE consumer_group = ? AND message_key = ? AND claim_token = ? AND status = '" + CLAIMED + "'";
        deleteExpired = dialect.deleteExpired(table, cleanupBatchSize);
    }

    static String insertClaim(String table) {
        return "INSERT INTO " + table + " (consumer_group, message_key, status, claim_token, expires_at)"
                + " VALUES (?, ?, '" + CLAIMED + "', ?, ?)";
    }
}
