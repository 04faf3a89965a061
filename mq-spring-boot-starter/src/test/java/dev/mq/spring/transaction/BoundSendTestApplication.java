package dev.mq.spring.transaction;

import dev.mq.client.LocalTransactionState;
import dev.mq.client.ReceivedMessage;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application of the bound-send tests, run by the test and by {@link BoundSendCrashApp} in a
 * child JVM: the starter's auto-configuration, an H2 database at {@code test.jdbc-url} with a
 * business table {@code orders}, its transaction manager, and a checker that records its answers.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BoundSendTestApplication {

    @Bean
    DataSource dataSource(@Value("${test.jdbc-url}") String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        new JdbcTemplate(dataSource).execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(64) PRIMARY KEY, "
                + "item VARCHAR(255) NOT NULL)");
        return dataSource;
    }

    @Bean
    DataSourceTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(DataSourceTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    RecordingChecker recordingChecker(BoundSendTable table,
                                      @Value("${mq.transaction.check-grace}") Duration grace) {
        return new RecordingChecker(table, grace);
    }

    /** The starter's checker, recording each answer per transaction id. */
    static final class RecordingChecker extends BoundSendChecker {

        private final Map<String, List<LocalTransactionState>> answers = new ConcurrentHashMap<>();

        RecordingChecker(BoundSendTable table, Duration grace) {
            super(table, grace, Clock.systemUTC());
        }

        @Override
        public LocalTransactionState check(ReceivedMessage message) {
            LocalTransactionState answer = super.check(message);
            answers.computeIfAbsent(message.messageId(), id -> new CopyOnWriteArrayList<>()).add(answer);
            return answer;
        }

        /** What this checker answered about {@code transactionId} so far. */
        List<LocalTransactionState> answers(String transactionId) {
            return answers.getOrDefault(transactionId, List.of());
        }
    }
}
