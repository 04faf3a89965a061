package dev.mq.spring.autoconfigure;

import dev.mq.client.MqClient;
import dev.mq.spring.transaction.BoundSendChecker;
import dev.mq.spring.transaction.BoundSendProducers;
import dev.mq.spring.transaction.BoundSendTable;
import dev.mq.spring.transaction.BoundSendTableCleanup;
import dev.mq.spring.transaction.DataSourceTransactionBoundSender;
import dev.mq.spring.transaction.TransactionBoundSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;

/**
 * Sends bound to a Spring transaction ({@code MqTemplate.sendInTransaction(destination, payload)}),
 * when the application has one {@link DataSource} (or a primary one) and a
 * {@link PlatformTransactionManager}: the {@link DataSourceTransactionBoundSender}, the
 * {@link BoundSendTable} it records sends in (created at start-up unless
 * {@code mq.transaction.initialize-schema=never}), the {@link BoundSendChecker} that answers the
 * broker's check-backs, and the {@link BoundSendTableCleanup} of old rows. An application's own
 * {@link TransactionBoundSender} replaces all of them; each other bean may be replaced alone.
 */
@AutoConfiguration(after = MqAutoConfiguration.class, afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"})
@ConditionalOnClass({JdbcTemplate.class, PlatformTransactionManager.class})
@ConditionalOnBean({DataSource.class, PlatformTransactionManager.class})
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnMissingBean(TransactionBoundSender.class)
@EnableConfigurationProperties(MqProperties.class)
public class MqTransactionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public BoundSendTable mqBoundSendTable(DataSource dataSource, MqProperties properties) {
        MqProperties.Transaction settings = properties.getTransaction();
        BoundSendTable table = new BoundSendTable(new JdbcTemplate(dataSource), settings.getTableName());
        if ("always".equals(settings.getInitializeSchema())) {
            table.createIfMissing();
        }
        return table;
    }

    @Bean
    @ConditionalOnMissingBean
    public BoundSendChecker mqBoundSendChecker(BoundSendTable table, MqProperties properties,
                                              ObjectProvider<Clock> clock) {
        return new BoundSendChecker(table, properties.getTransaction().getCheckGrace(),
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    public BoundSendProducers mqBoundSendProducers(MqClient client, BoundSendChecker checker,
                                                   MqProperties properties) {
        MqProperties.Producer producer = properties.getProducer();
        return new BoundSendProducers(client, checker, builder -> builder.sendTimeout(producer.getSendTimeout())
                .retries(producer.getRetries())
                .compressBodiesOver(producer.getCompressBodiesOver())
                .faultAvoidance(producer.isFaultAvoidance()));
    }

    @Bean
    public DataSourceTransactionBoundSender mqTransactionBoundSender(DataSource dataSource, BoundSendTable table,
                                                                     BoundSendProducers producers,
                                                                     MqProperties properties, Environment environment,
                                                                     ObjectProvider<Clock> clock) {
        String group = properties.getProducer().getGroup();
        if (group == null || group.isBlank()) {
            group = environment.getProperty("spring.application.name");
        }
        List<String> startupGroups = group == null || group.isBlank() ? List.of() : List.of(group);
        return new DataSourceTransactionBoundSender(dataSource, table, producers, clock.getIfUnique(Clock::systemUTC),
                startupGroups);
    }

    @Bean
    @ConditionalOnMissingBean
    public BoundSendTableCleanup mqBoundSendTableCleanup(BoundSendTable table, MqProperties properties,
                                                         ObjectProvider<Clock> clock) {
        MqProperties.Transaction settings = properties.getTransaction();
        return new BoundSendTableCleanup(table, settings.getRetention(), settings.getCleanupInterval(),
                settings.getCleanupBatchSize(), clock.getIfUnique(Clock::systemUTC));
    }
}
