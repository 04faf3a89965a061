package dev.mq.spring.e2e;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.spring.MqMessage;
import dev.mq.spring.annotation.MqListener;
import dev.mq.spring.listener.MqListenerObservationContext.Outcome;
import dev.mq.test.EmbeddedMq;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code @Transactional} idempotent listener with the JDBC store: its business write and the
 * completion of its idempotency claim commit or roll back together. The listener writes a row and
 * then fails its first attempt, either by throwing or by a commit that fails after the claim was
 * completed; the broker's retry writes again and succeeds. Exactly one business row remains (the
 * retry's), the key is processed once, and a later copy is acknowledged without a call. Had the
 * completion escaped the rolled-back transaction, the retry would have been taken for a duplicate
 * and no row would remain.
 */
@EmbeddedMq(topics = TransactionalIdempotencyContract.TOPIC, properties = "mq.broker.delay-levels="
        + "200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TransactionalIdempotencyContract {

    static final String TOPIC = "E2eTxOrders";
    static final String GROUP = "e2e-tx-order-writers";
    static final String LISTENER = "e2eTxOrders";
    static final String BUSINESS_TABLE = "e2e_tx_orders";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** How the first attempt of a key fails: its key's prefix. */
    static final String THROWS = "throws-";
    static final String COMMIT_FAILS = "commit-fails-";

    /**
     * Writes one row per call; fails the first attempt of keys with a failing prefix. Proxied for
     * {@code @Transactional}: tests read its state through public methods, not fields.
     */
    public static class OrderWriter {
        private final Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
        private final JdbcTemplate jdbc;

        public OrderWriter(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        @MqListener(topic = TOPIC, group = GROUP, id = LISTENER)
        public void write(String body, MqMessage message) {
            String key = message.firstKey();
            int attempt = message.reconsumeTimes();
            attempts.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(attempt);
            jdbc.update("INSERT INTO " + BUSINESS_TABLE + " (order_key, attempt) VALUES (?, ?)", key, attempt);
            if (attempt == 0 && key.startsWith(THROWS)) {
                throw new IllegalStateException("the first attempt fails after its write");
            }
            if (attempt == 0 && key.startsWith(COMMIT_FAILS)) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        throw new IllegalStateException("the first attempt's commit fails after the claim was completed");
                    }
                });
            }
        }

        /** The reconsume counts of the calls for {@code key}, in call order. */
        public List<Integer> attemptsOf(String key) {
            return List.copyOf(attempts.getOrDefault(key, List.of()));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(OrderWriter.class)
    static class App {
        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        ListenerOutcomes listenerOutcomes() {
            return new ListenerOutcomes();
        }

        @Bean
        ObservationRegistry observationRegistry(ListenerOutcomes outcomes) {
            return outcomes.registry();
        }
    }

    @Autowired
    MqClient client;

    @Autowired
    OrderWriter writer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ListenerOutcomes outcomes;

    private Producer producer;

    @BeforeAll
    void prepare() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + BUSINESS_TABLE
                + " (order_key VARCHAR(200) NOT NULL, attempt INT NOT NULL)");
        producer = client.producer("e2e-tx-order-producer").build();
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    @Test
    void aListenerThatThrowsAfterItsWriteIsRolledBackAndTheRetryProcessesTheKeyOnce() {
        provesOneEffect(THROWS + UUID.randomUUID());
    }

    @Test
    void aCommitThatFailsAfterTheClaimWasCompletedRollsBackTheCompletionWithTheWrite() {
        provesOneEffect(COMMIT_FAILS + UUID.randomUUID());
    }

    private void provesOneEffect(String key) {
        producer.send(Message.builder(TOPIC).keys(key).body("order").build());

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(outcomes.count(LISTENER, key, Outcome.FAILURE)).isEqualTo(1);
            assertThat(outcomes.count(LISTENER, key, Outcome.SUCCESS)).isEqualTo(1);
        });
        assertThat(writer.attemptsOf(key)).containsExactly(0, 1);
        assertThat(jdbc.queryForList("SELECT attempt FROM " + BUSINESS_TABLE + " WHERE order_key = ?", Integer.class,
                key)).as("the first attempt's row was rolled back, the retry's committed").containsExactly(1);
        assertThat(idempotencyRows(key)).as("the key marked processed once").containsExactly("PROCESSED");

        producer.send(Message.builder(TOPIC).keys(key).body("order again").build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(outcomes.count(LISTENER, key, Outcome.DUPLICATE))
                .isEqualTo(1));
        assertThat(writer.attemptsOf(key)).containsExactly(0, 1);
        assertThat(jdbc.queryForList("SELECT attempt FROM " + BUSINESS_TABLE + " WHERE order_key = ?", Integer.class,
                key)).containsExactly(1);
        assertThat(idempotencyRows(key)).containsExactly("PROCESSED");
    }

    private List<String> idempotencyRows(String key) {
        return jdbc.queryForList("SELECT status FROM mq_idempotency WHERE consumer_group = ? AND message_key = ?",
                String.class, GROUP, key);
    }
}
