package dev.mq.compat;

import dev.mq.compat.Clients.Received;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.mq.compat.Clients.body;
import static dev.mq.compat.Clients.message;
import static dev.mq.compat.Clients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delay levels, consumer retries through CONSUMER_SEND_MSG_BACK and the dead-letter topic, as the
 * official client sees them. Each test runs its own server with short delay levels (retries use
 * level 3 + earlier retries; level 2 is 2 s, level 10 is 3 s, all others 1 s).
 */
@Timeout(180)
class RetryCompatTest {

    private static final String SHORT_LEVELS =
            "--mq.broker.delay-levels=1s,2s,1s,1s,1s,1s,1s,1s,1s,3s,1s,1s,1s,1s,1s,1s,1s,1s";

    @TempDir
    Path dataDir;

    private final TestResources resources = new TestResources();

    @AfterEach
    void closeAll() throws Exception {
        resources.close();
    }

    /**
     * A started push consumer of {@code topic} whose retry topic exists before it starts (so its
     * first rebalance already covers it rather than one 20 s later).
     */
    private static DefaultMQPushConsumer consumer(Clients clients, DefaultMQProducer producer, String group,
                                                  String topic, MessageListenerConcurrently listener,
                                                  int maxReconsumeTimes) throws Exception {
        clients.createTopic(producer, "%RETRY%" + group, 1);
        DefaultMQPushConsumer consumer = clients.pushConsumer(group);
        if (maxReconsumeTimes >= 0) {
            consumer.setMaxReconsumeTimes(maxReconsumeTimes);
        }
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        consumer.start();
        return consumer;
    }

    @Test
    void aFailedMessageIsRedeliveredWithItsReconsumeCountUntilItSucceeds() throws Exception {
        ServerProcess server = resources.start(new ServerProcess(dataDir.resolve("server"), SHORT_LEVELS));
        Clients clients = resources.clients(server);
        DefaultMQProducer producer = clients.producer();
        String topic = unique("Retry");
        clients.createTopic(producer, topic, 1);
        List<MessageExt> deliveries = new CopyOnWriteArrayList<>();
        consumer(clients, producer, unique("cg"), topic, (messages, context) -> {
            deliveries.addAll(messages);
            return messages.get(0).getReconsumeTimes() < 2 ? ConsumeConcurrentlyStatus.RECONSUME_LATER
                    : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }, -1);
        Message message = message(topic, "TagR", "retry-me");
        message.setKeys("key-1");
        SendResult sent = producer.send(message);
        assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() >= 3);
        assertThat(deliveries).extracting(MessageExt::getReconsumeTimes).startsWith(0, 1, 2);
        assertThat(deliveries).allSatisfy(m -> {
            assertThat(m.getTopic()).isEqualTo(topic);
            assertThat(body(m)).isEqualTo("retry-me");
            assertThat(m.getKeys()).isEqualTo("key-1");
            assertThat(m.getTags()).isEqualTo("TagR");
            assertThat(m.getMsgId()).isEqualTo(sent.getMsgId());
        });
    }

    @Test
    void aMessageThatAlwaysFailsEndsInTheDeadLetterTopic() throws Exception {
        ServerProcess server = resources.start(new ServerProcess(dataDir.resolve("server"), SHORT_LEVELS));
        Clients clients = resources.clients(server);
        DefaultMQProducer producer = clients.producer();
        String topic = unique("Doomed");
        String group = unique("cg");
        clients.createTopic(producer, topic, 1);
        List<MessageExt> deliveries = new CopyOnWriteArrayList<>();
        consumer(clients, producer, group, topic, (messages, context) -> {
            deliveries.addAll(messages);
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }, 2);
        assertThat(producer.send(message(topic, "TagD", "dead-letter")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

        String dlq = "%DLQ%" + group;
        List<MessageQueue> queues = Clients.awaitRoute(producer, dlq, 1);
        DefaultLitePullConsumer reader = clients.litePullConsumer(unique("dlq-reader"));
        reader.start();
        reader.assign(queues);
        List<MessageExt> dead = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            dead.addAll(reader.poll(200));
            return !dead.isEmpty();
        });
        assertThat(dead).hasSize(1);
        MessageExt letter = dead.get(0);
        assertThat(body(letter)).isEqualTo("dead-letter");
        assertThat(letter.getTags()).isEqualTo("TagD");
        assertThat(letter.getProperty("DLQ_ORIGIN_TOPIC")).isEqualTo(topic);
        assertThat(letter.getProperty("DLQ_ORIGIN_MESSAGE_ID")).isNotEmpty();
        assertThat(deliveries).extracting(MessageExt::getReconsumeTimes).startsWith(0, 1, 2);
    }

    @Test
    void aDelayedMessageArrivesAfterItsLevelsDelay() throws Exception {
        ServerProcess server = resources.start(new ServerProcess(dataDir.resolve("server"))); // the 18 default levels
        Clients clients = resources.clients(server);
        DefaultMQProducer producer = clients.producer();
        String topic = unique("Delayed");
        clients.createTopic(producer, topic, 1);
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        List<MessageExt> received = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = consumer(clients, producer, unique("cg"), topic, (messages, context) -> {
            arrivals.add(System.currentTimeMillis());
            received.addAll(messages);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }, -1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Clients.assigned(consumer, topic).isEmpty());

        Message message = message(topic, "TagT", "later");
        message.setDelayTimeLevel(2); // 5 s by default
        long sentAt = System.currentTimeMillis();
        assertThat(producer.send(message).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

        await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
        long took = arrivals.get(0) - sentAt;
        assertThat(took).as("consumed after %d ms", took).isGreaterThanOrEqualTo(4_000).isLessThan(10_000);
        MessageExt delivered = received.get(0);
        assertThat(body(delivered)).isEqualTo("later");
        assertThat(delivered.getTopic()).isEqualTo(topic);
        // 5 s +- 1 s, judged by when the broker made it visible (stored the due copy), so that a
        // loaded test machine's consumer scheduling does not count against the broker
        long visibleAfter = delivered.getStoreTimestamp() - delivered.getBornTimestamp();
        assertThat(visibleAfter).as("visible after %d ms", visibleAfter).isBetween(4_000L, 6_000L);
    }

    @Test
    void aDelayedMessageSurvivesABrokerRestart() throws Exception {
        ServerProcess first = resources.start(new ServerProcess(dataDir.resolve("server"), SHORT_LEVELS));
        Clients before = resources.clients(first);
        DefaultMQProducer producer = before.producer();
        String topic = unique("DelayedRestart");
        before.createTopic(producer, topic, 1);
        Message message = message(topic, "TagS", "survivor");
        message.setDelayTimeLevel(10); // 3 s
        assertThat(producer.send(message).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        before.close();
        assertThat(first.stop()).as("exit code after SIGTERM").isIn(0, 143);

        ServerProcess second = resources.start(first.successor());
        Clients after = resources.clients(second);
        Received received = new Received();
        after.pushConsumer(unique("cg"), topic, received);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(List.of("survivor")));
        assertThat(received.messages()).hasSize(1);
    }
}
