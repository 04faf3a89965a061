package dev.mq.spring.template;

import dev.mq.client.MqClient;
import dev.mq.client.ReceivedMessage;
import dev.mq.spring.MqHeaders;
import dev.mq.spring.MqTemplate;
import dev.mq.spring.SendResult;
import dev.mq.spring.TransactionSendResult;
import dev.mq.spring.TransactionState;
import dev.mq.test.EmbeddedMq;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every MqTemplate method against an embedded server, each message read back with a plain client consumer. */
@SpringBootTest(classes = TemplateTestApplication.class,
        properties = {"spring.application.name=shop", "test.tx-group=" + TemplateTestApplication.TX_GROUP})
@EmbeddedMq(topics = {"Orders", "Texts", "Sharded", "Delayed", "Batches", "Async", "OneWay", "Tx", "Observed"},
        properties = {"mq.broker.transaction.timeout=1s", "mq.broker.transaction.check-interval=1s"})
class MqTemplateIntegrationTest {

    /** Timer messages are due to the broker's precision (1 s): never earlier than this before their time. */
    private static final Duration TIMER_PRECISION = Duration.ofSeconds(1);

    record OrderCreated(String id, int amount) {
    }

    @Autowired
    MqTemplate template;

    @Autowired
    MqClient client;

    @Autowired
    TemplateTestApplication.PaymentTransaction payments;

    @Autowired
    TestObservationRegistry observations;

    @Test
    void sendsObjectsAsJsonAndMessageHeadersAsTagKeysAndProperties() {
        try (Inbox inbox = Inbox.of(client, "Orders")) {
            SendResult plain = template.send("Orders:created", new OrderCreated("o-1", 42));
            Message<OrderCreated> message = MessageBuilder.withPayload(new OrderCreated("o-2", 7))
                    .setHeader(MqHeaders.KEYS, List.of("o-2", "customer-7"))
                    .setHeader(MqHeaders.TAGS, "paid")
                    .setHeader("region", "eu")
                    .setHeader("attempt", 3)
                    .build();
            SendResult withHeaders = template.send("Orders", message);

            assertThat(plain.topic()).isEqualTo("Orders");
            List<ReceivedMessage> received = inbox.awaitCount(2);
            ReceivedMessage first = byId(received, plain.messageId());
            assertThat(first.tags()).isEqualTo("created");
            assertThat(first.property(MqHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"o-1\",\"amount\":42}");

            ReceivedMessage second = byId(received, withHeaders.messageId());
            assertThat(second.tags()).isEqualTo("paid");
            assertThat(second.keys()).containsExactly("o-2", "customer-7");
            assertThat(second.properties()).containsEntry("region", "eu").containsEntry("attempt", "3")
                    .doesNotContainKeys("id", "timestamp", MqHeaders.KEYS, MqHeaders.TAGS);
            assertThat(second.queueId()).isEqualTo(withHeaders.queueId());
            assertThat(second.queueOffset()).isEqualTo(withHeaders.queueOffset());
        }
    }

    @Test
    void sendsTextAndBytesAsTheyAreWithTheirContentTypes() {
        try (Inbox inbox = Inbox.of(client, "Texts")) {
            SendResult text = template.send("Texts", "héllo");
            SendResult bytes = template.send("Texts", new byte[] {1, 2, 3});

            List<ReceivedMessage> received = inbox.awaitCount(2);
            assertThat(new String(byId(received, text.messageId()).body(), StandardCharsets.UTF_8)).isEqualTo("héllo");
            assertThat(byId(received, text.messageId()).property(MqHeaders.CONTENT_TYPE)).startsWith("text/plain");
            assertThat(byId(received, bytes.messageId()).body()).containsExactly(1, 2, 3);
            assertThat(byId(received, bytes.messageId()).property(MqHeaders.CONTENT_TYPE))
                    .isEqualTo("application/octet-stream");
        }
    }

    @Test
    void messagesOfOneShardingKeyShareAQueueInSendOrder() {
        try (Inbox inbox = Inbox.of(client, "Sharded")) {
            List<SendResult> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(template.sendOrderly("Sharded", "step-" + i, "customer-7"));
            }
            assertThat(sent).extracting(SendResult::queueId).containsOnly(sent.get(0).queueId());

            List<ReceivedMessage> received = inbox.awaitCount(6).stream()
                    .sorted(Comparator.comparingLong(ReceivedMessage::queueOffset)).toList();
            assertThat(received).extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
                    .containsExactly("step-0", "step-1", "step-2", "step-3", "step-4", "step-5");
            assertThat(received).extracting(ReceivedMessage::queueId).containsOnly(sent.get(0).queueId());
        }
    }

    @Test
    void delayedMessagesAreNotConsumableBeforeTheirTime() {
        try (Inbox inbox = Inbox.of(client, "Delayed")) {
            Instant sentAt = Instant.now();
            Duration delay = Duration.ofSeconds(3);
            SendResult delayed = template.sendDelayed("Delayed:later", "in three seconds", delay);
            Instant due = Instant.now().plusSeconds(3);
            SendResult timed = template.sendAt("Delayed:at", "at a time", due);

            List<ReceivedMessage> received = inbox.awaitCount(2);
            assertThat(received).extracting(ReceivedMessage::messageId)
                    .containsExactlyInAnyOrder(delayed.messageId(), timed.messageId());
            for (Inbox.Arrival arrival : inbox.arrivals()) {
                Instant notBefore = arrival.message().messageId().equals(delayed.messageId())
                        ? sentAt.plus(delay) : due;
                assertThat(arrival.at()).isAfterOrEqualTo(notBefore.minus(TIMER_PRECISION));
            }
        }
    }

    @Test
    void aBatchIsStoredInOneQueueAtConsecutiveOffsets() {
        try (Inbox inbox = Inbox.of(client, "Batches")) {
            SendResult batch = template.sendBatch("Batches:bulk", List.of("a", "b",
                    MessageBuilder.withPayload("c").setHeader(MqHeaders.KEYS, "third").build()));

            assertThat(batch.messageId().split(",")).hasSize(3);
            List<ReceivedMessage> received = inbox.awaitCount(3).stream()
                    .sorted(Comparator.comparingLong(ReceivedMessage::queueOffset)).toList();
            assertThat(received).extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
                    .containsExactly("a", "b", "c");
            assertThat(received).extracting(ReceivedMessage::tags).containsOnly("bulk");
            assertThat(received).extracting(ReceivedMessage::queueId).containsOnly(batch.queueId());
            assertThat(received.get(0).queueOffset()).isEqualTo(batch.queueOffset());
            assertThat(received.get(2).keys()).containsExactly("third");
            assertThat(String.join(",", received.stream().map(ReceivedMessage::messageId).toList()))
                    .isEqualTo(batch.messageId());
        }
    }

    @Test
    void asyncAndOneWaySendsArrive() throws Exception {
        try (Inbox async = Inbox.of(client, "Async"); Inbox oneWay = Inbox.of(client, "OneWay")) {
            SendResult result = template.sendAsync("Async", "later").get(10, TimeUnit.SECONDS);
            template.sendOneWay("OneWay:fire", "and forget");

            assertThat(async.awaitCount(1)).extracting(ReceivedMessage::messageId).containsExactly(result.messageId());
            ReceivedMessage fired = oneWay.awaitFirst().message();
            assertThat(fired.tags()).isEqualTo("fire");
            assertThat(new String(fired.body(), StandardCharsets.UTF_8)).isEqualTo("and forget");
        }
    }

    @Test
    void localTransactionsCommitRollBackOrLeaveTheDecisionToTheCheck() {
        MqTemplate tx = template.withProducerGroup(TemplateTestApplication.TX_GROUP);
        try (Inbox inbox = Inbox.of(client, "Tx")) {
            TransactionSendResult rolledBack = tx.sendInTransaction("Tx:rollback", "refund", TransactionState.ROLLBACK);
            TransactionSendResult committed = tx.sendInTransaction("Tx:commit", "paid", TransactionState.COMMIT);
            TransactionSendResult pending = tx.sendInTransaction("Tx:pending",
                    MessageBuilder.withPayload("pending").setHeader(MqHeaders.KEYS, "payment-9").build(),
                    TransactionState.UNKNOWN);

            assertThat(rolledBack.localState()).isEqualTo(TransactionState.ROLLBACK);
            assertThat(committed.localState()).isEqualTo(TransactionState.COMMIT);
            assertThat(pending.localState()).isEqualTo(TransactionState.UNKNOWN);
            assertThat(payments.executed).anySatisfy(message -> {
                assertThat(message.getHeaders().get(MqHeaders.MESSAGE_ID)).isEqualTo(committed.messageId());
                assertThat(message.getHeaders().get(MqHeaders.TAGS)).isEqualTo("commit");
                assertThat(message.getPayload()).isEqualTo("paid");
            });

            // the pending one is committed by the broker's check-back, which gets the half message as stored
            List<ReceivedMessage> received = inbox.awaitCount(2);
            assertThat(received).extracting(ReceivedMessage::messageId)
                    .containsExactlyInAnyOrder(committed.messageId(), pending.messageId());
            assertThat(payments.checked).anySatisfy(message -> {
                assertThat(message.getHeaders().get(MqHeaders.MESSAGE_ID)).isEqualTo(pending.messageId());
                assertThat(message.getHeaders().get(MqHeaders.KEYS)).isEqualTo(List.of("payment-9"));
                assertThat(message.getPayload()).isEqualTo("pending");
            });
            assertThat(payments.checked).noneSatisfy(message ->
                    assertThat(message.getHeaders().get(MqHeaders.MESSAGE_ID)).isEqualTo(rolledBack.messageId()));
            assertThat(inbox.arrivals()).noneSatisfy(arrival ->
                    assertThat(arrival.message().messageId()).isEqualTo(rolledBack.messageId()));
        }
    }

    @Test
    void aGroupWithALocalTransactionAlsoSendsPlainMessages() {
        try (Inbox inbox = Inbox.of(client, "Orders")) {
            SendResult sent = template.withProducerGroup(TemplateTestApplication.TX_GROUP).send("Orders:plain", "x");
            assertThat(inbox.awaitCount(1)).extracting(ReceivedMessage::messageId).contains(sent.messageId());
        }
    }

    @Test
    void eachSendIsObservedAndCarriesTheTraceContext() {
        observations.clear();
        try (Inbox inbox = Inbox.of(client, "Observed")) {
            SendResult sent = template.send("Observed", "traced");

            TestObservationRegistryAssert.assertThat(observations)
                    .hasObservationWithNameEqualTo("mq.send").that()
                    .hasLowCardinalityKeyValue("topic", "Observed")
                    .hasLowCardinalityKeyValue("mode", "sync")
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasHighCardinalityKeyValue("message.id", sent.messageId())
                    .hasContextualNameEqualTo("Observed send")
                    .hasBeenStopped();
            assertThat(inbox.awaitFirst().message().property("traceparent"))
                    .isEqualTo(TemplateTestApplication.TRACEPARENT);
        }
    }

    @Test
    void badInputFailsBeforeAnythingIsSent() {
        assertThatThrownBy(() -> template.send(":tag", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic name is empty");
        assertThatThrownBy(() -> template.send("Or ders", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may only contain letters");
        assertThatThrownBy(() -> template.send("Orders:", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tag after ':' is empty");
        assertThatThrownBy(() -> template.send("Orders", new byte[4 * 1024 * 1024 + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than the 4194304");
        assertThatThrownBy(() -> template.send("Orders", MessageBuilder.withPayload("x")
                .setHeader("weights", new int[] {1, 2}).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'weights'");
    }

    @Test
    void transactionalSendsNeedTheirCounterpart() {
        assertThatThrownBy(() -> template.sendInTransaction("Tx", "x", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("producer group shop");
        // the test application has an embedded DataSource, so sends bound to a transaction are configured
        assertThatThrownBy(() -> template.sendInTransaction("Tx", "x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs an active Spring transaction").hasMessageContaining("nothing was sent");
    }

    private static ReceivedMessage byId(List<ReceivedMessage> messages, String id) {
        return messages.stream().filter(m -> m.messageId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no message " + id + " among " + messages));
    }
}
