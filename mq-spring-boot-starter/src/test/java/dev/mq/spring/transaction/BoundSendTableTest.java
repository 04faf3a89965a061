package dev.mq.spring.transaction;

import dev.mq.client.LocalTransactionState;
import dev.mq.client.ReceivedMessage;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bound-send table, its cleanup and the check-back answers, against a real (in-memory H2) database. */
class BoundSendTableTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private JdbcTemplate jdbc;
    private BoundSendTable table;

    @BeforeEach
    void createTable() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:table-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        table = new BoundSendTable(jdbc, "bound_sends");
        table.createIfMissing();
    }

    private static ReceivedMessage halfBornAt(String transactionId, Instant born) {
        return new ReceivedMessage(transactionId, "0A00000100002A9F0000000000000000", "Orders", null, List.of(),
                Map.of(), Map.of(), new byte[0], 0, 0, 0, born, born, 0);
    }

    @Test
    void creatingTheTableAgainKeepsItsRows() {
        table.insert("tx-1", "orders", NOW);

        table.createIfMissing();

        assertThat(table.contains("tx-1")).isTrue();
        assertThat(table.contains("tx-2")).isFalse();
        assertThat(table.producerGroups()).containsExactly("orders");
    }

    @Test
    void aTransactionIdIsRecordedOnce() {
        table.insert("tx-1", "orders", NOW);

        assertThatThrownBy(() -> table.insert("tx-1", "orders", NOW))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    }

    @Test
    void aBadTableNameIsRefused() {
        assertThatThrownBy(() -> new BoundSendTable(jdbc, "sends; DROP TABLE orders"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain SQL name");
    }

    @Test
    void deletesOnlyRowsOlderThanTheCutoffOldestFirstAndAtMostABatch() {
        for (int i = 0; i < 5; i++) {
            table.insert("old-" + i, "orders", NOW.minus(Duration.ofHours(10 - i)));
        }
        table.insert("young", "orders", NOW);

        assertThat(table.deleteCreatedBefore(NOW.minus(Duration.ofHours(1)), 2)).isEqualTo(2);
        assertThat(table.contains("old-0")).isFalse();
        assertThat(table.contains("old-1")).isFalse();
        assertThat(table.contains("old-2")).isTrue();
        assertThat(table.deleteCreatedBefore(NOW.minus(Duration.ofHours(1)), 10)).isEqualTo(3);
        assertThat(table.deleteCreatedBefore(NOW.minus(Duration.ofHours(1)), 10)).isZero();
        assertThat(table.contains("young")).isTrue();
    }

    @Test
    void theCleanupDeletesEveryExpiredRowInBatchesAndKeepsTheOthers() {
        for (int i = 0; i < 7; i++) {
            table.insert("expired-" + i, "orders", NOW.minus(Duration.ofDays(2)));
        }
        table.insert("kept", "orders", NOW.minus(Duration.ofHours(23)));
        BoundSendTableCleanup cleanup = new BoundSendTableCleanup(table, Duration.ofDays(1), Duration.ofMinutes(10), 3,
                CLOCK);

        assertThat(cleanup.runOnce()).isEqualTo(7);
        assertThat(jdbc.queryForList("SELECT transaction_id FROM bound_sends", String.class)).containsExactly("kept");
    }

    @Test
    void theCheckerCommitsWithARowAndRollsBackWithoutOneOnlyAfterTheGracePeriod() {
        BoundSendChecker checker = new BoundSendChecker(table, Duration.ofSeconds(60), CLOCK);
        table.insert("committed", "orders", NOW.minus(Duration.ofMinutes(5)));

        assertThat(checker.check(halfBornAt("committed", NOW.minus(Duration.ofMinutes(5)))))
                .isEqualTo(LocalTransactionState.COMMIT);
        assertThat(checker.check(halfBornAt("running", NOW.minus(Duration.ofSeconds(59)))))
                .isEqualTo(LocalTransactionState.UNKNOWN);
        assertThat(checker.check(halfBornAt("rolled-back", NOW.minus(Duration.ofSeconds(61)))))
                .isEqualTo(LocalTransactionState.ROLLBACK);
    }

    @Test
    void theCheckerFailsWhenTheTableCannotBeRead() {
        BoundSendChecker checker = new BoundSendChecker(new BoundSendTable(jdbc, "missing_table"),
                Duration.ofSeconds(60), CLOCK);

        assertThatThrownBy(() -> checker.check(halfBornAt("any", NOW)))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
    }
}
