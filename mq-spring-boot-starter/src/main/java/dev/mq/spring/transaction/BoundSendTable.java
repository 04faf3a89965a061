package dev.mq.spring.transaction;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The table that records sends bound to a database transaction: one row per half message, inserted in
 * the same database transaction as the application's own writes, so that it exists if and only if
 * that transaction committed. The broker's check-back looks the row up ({@link BoundSendChecker}).
 *
 * <p>Columns: {@code transaction_id} (the message id, primary key), {@code producer_group} (the group
 * of the template that sent it) and {@code created_at} (epoch milliseconds, UTC, from the sender's
 * clock: a number, so that no JDBC driver or session time zone shifts it). Works with PostgreSQL,
 * MySQL/MariaDB and H2 (and other databases that accept {@code CREATE TABLE IF NOT EXISTS}).
 */
public class BoundSendTable {

    /** The default table name ({@code mq.transaction.table-name}). */
    public static final String DEFAULT_NAME = "mq_transactional_send";

    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final JdbcTemplate jdbc;
    private final String name;

    /**
     * The table {@code name} reached through {@code jdbc}, whose {@code DataSource} must be the one the
     * application's transactions run on.
     *
     * @throws IllegalArgumentException if {@code name} is not a plain SQL name
     */
    public BoundSendTable(JdbcTemplate jdbc, String name) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        if (name == null || !SQL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the table name must be a plain SQL name (letters, digits, '_'), got "
                    + name);
        }
        this.name = name;
    }

    /** The table's name. */
    public String name() {
        return name;
    }

    /** Creates the table and its index on {@code created_at} unless they exist. */
    public void createIfMissing() {
        String product = Objects.requireNonNull(jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName()), "database product name");
        String columns = "transaction_id VARCHAR(128) NOT NULL PRIMARY KEY, producer_group VARCHAR(255) NOT NULL, "
                + "created_at BIGINT NOT NULL";
        String lower = product.toLowerCase(Locale.ROOT);
        if (lower.contains("mysql") || lower.contains("mariadb")) {
            // MySQL has no CREATE INDEX IF NOT EXISTS; an index declared with the table is created with it
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + name + " (" + columns + ", INDEX " + name
                    + "_created_at (created_at))");
        } else {
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + name + " (" + columns + ")");
            jdbc.execute("CREATE INDEX IF NOT EXISTS " + name + "_created_at ON " + name + " (created_at)");
        }
    }

    /** Records a bound send; joins the caller's transaction when one holds a connection of the DataSource. */
    public void insert(String transactionId, String producerGroup, Instant createdAt) {
        jdbc.update("INSERT INTO " + name + " (transaction_id, producer_group, created_at) VALUES (?, ?, ?)",
                transactionId, producerGroup, createdAt.toEpochMilli());
    }

    /** Whether a committed row (or one of the caller's own transaction) records {@code transactionId}. */
    public boolean contains(String transactionId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM " + name + " WHERE transaction_id = ?",
                Integer.class, transactionId);
        return count != null && count > 0;
    }

    /** The producer groups that have rows: their check-backs must be answered after a restart. */
    public List<String> producerGroups() {
        return jdbc.queryForList("SELECT DISTINCT producer_group FROM " + name, String.class);
    }

    /**
     * Deletes at most {@code maxRows} rows created before {@code cutoff}, oldest first, with one small
     * statement per row so that no long statement locks the table (the same SQL on every database).
     *
     * @return how many expired rows were found and deleted (another process cleaning the same table may
     *         have deleted some of them first); fewer than {@code maxRows} means none is left
     */
    public int deleteCreatedBefore(Instant cutoff, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        List<String> expired = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT transaction_id FROM " + name
                    + " WHERE created_at < ? ORDER BY created_at");
            statement.setLong(1, cutoff.toEpochMilli());
            statement.setMaxRows(maxRows);
            return statement;
        }, (row, index) -> row.getString(1));
        if (expired.isEmpty()) {
            return 0;
        }
        jdbc.batchUpdate("DELETE FROM " + name + " WHERE transaction_id = ?", expired, expired.size(),
                (statement, id) -> statement.setString(1, id));
        return expired.size();
    }

    @Override
    public String toString() {
        return "BoundSendTable[" + name + "]";
    }
}
