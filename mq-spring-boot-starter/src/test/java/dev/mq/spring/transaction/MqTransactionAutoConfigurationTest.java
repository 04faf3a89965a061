package dev.mq.spring.transaction;

import dev.mq.spring.autoconfigure.MqAutoConfiguration;
import dev.mq.spring.autoconfigure.MqTransactionAutoConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** When the starter provides sends bound to a transaction, and how the application replaces or tunes them. */
class MqTransactionAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MqAutoConfiguration.class, MqTransactionAutoConfiguration.class));

    private static DataSource database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:autoconfig-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private ApplicationContextRunner withDatabase() {
        DataSource dataSource = database();
        return runner.withBean(DataSource.class, () -> dataSource)
                .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource));
    }

    private static int tablesNamed(DataSource dataSource, String name) {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE LOWER(TABLE_NAME) = ?", Integer.class, name);
    }

    @Test
    void providesTheSenderAndCreatesItsTableWhenThereIsADataSourceAndATransactionManager() {
        withDatabase().run(context -> {
            assertThat(context).hasSingleBean(TransactionBoundSender.class)
                    .hasSingleBean(DataSourceTransactionBoundSender.class).hasSingleBean(BoundSendChecker.class)
                    .hasSingleBean(BoundSendTableCleanup.class);
            assertThat(context.getBean(BoundSendTable.class).name()).isEqualTo("mq_transactional_send");
            assertThat(tablesNamed(context.getBean(DataSource.class), "mq_transactional_send")).isEqualTo(1);
            assertThat(context.getBean(BoundSendTableCleanup.class).isRunning()).isTrue();
        });
    }

    @Test
    void honoursTheTableNameAndCanLeaveTheSchemaAlone() {
        withDatabase().withPropertyValues("mq.transaction.table-name=outgoing_events").run(context ->
                assertThat(tablesNamed(context.getBean(DataSource.class), "outgoing_events")).isEqualTo(1));
        withDatabase().withPropertyValues("mq.transaction.initialize-schema=never").run(context ->
                assertThat(context).getFailure().hasMessageContaining("cannot read the bound-send table "
                        + "mq_transactional_send").hasMessageContaining("mq.transaction.initialize-schema=always"));
    }

    @Test
    void usesATableTheApplicationCreatedItself() {
        DataSource dataSource = database();
        new JdbcTemplate(dataSource).execute("CREATE TABLE own_sends (transaction_id VARCHAR(128) PRIMARY KEY, "
                + "producer_group VARCHAR(255) NOT NULL, created_at BIGINT NOT NULL)");
        runner.withBean(DataSource.class, () -> dataSource)
                .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource))
                .withPropertyValues("mq.transaction.initialize-schema=never", "mq.transaction.table-name=own_sends")
                .run(context -> {
                    assertThat(context).hasSingleBean(TransactionBoundSender.class);
                    assertThat(tablesNamed(dataSource, "mq_transactional_send")).isZero();
                });
    }

    @Test
    void needsADataSourceATransactionManagerAndSpringJdbc() {
        runner.run(context -> assertThat(context).doesNotHaveBean(TransactionBoundSender.class));
        runner.withBean(DataSource.class, MqTransactionAutoConfigurationTest::database)
                .run(context -> assertThat(context).doesNotHaveBean(TransactionBoundSender.class));
        withDatabase().withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
                .run(context -> assertThat(context).doesNotHaveBean(TransactionBoundSender.class));
    }

    @Test
    void backsOffForTheApplicationsOwnSender() {
        TransactionBoundSender own = (group, message) -> {
            throw new UnsupportedOperationException("not in this test");
        };
        withDatabase().withBean("ownSender", TransactionBoundSender.class, () -> own).run(context -> {
            assertThat(context).getBeans(TransactionBoundSender.class).containsOnlyKeys("ownSender");
            assertThat(context).doesNotHaveBean(BoundSendTable.class);
        });
    }

    @Test
    void badSettingsStopTheStartNamingTheProperty() {
        withDatabase().withPropertyValues("mq.transaction.initialize-schema=sometimes").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("transaction.initializeSchema")
                        .hasStackTraceContaining("must be one of always, never"));
        withDatabase().withPropertyValues("mq.transaction.table-name=bad name").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("transaction.tableName"));
        withDatabase().withPropertyValues("mq.transaction.check-grace=0s").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("transaction.checkGrace"));
        withDatabase().withPropertyValues("mq.transaction.check-grace=2h", "mq.transaction.retention=1h").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("transaction.retention")
                        .hasStackTraceContaining("must be longer than mq.transaction.check-grace"));
        withDatabase().withPropertyValues("mq.transaction.cleanup-batch-size=0").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("transaction.cleanupBatchSize"));
    }
}
