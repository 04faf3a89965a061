package dev.mq.compat;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

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
 * The dead-letter extension requests (LIST_DEAD_LETTERS, RESEND_DEAD_LETTERS; sent with our own
 * remoting client, the official tools have no such request): a message that always fails lands in
 * {@code %DLQ%<group>}, is listed and re-sent while no consumer of the group is online, and the
 * official consumer then receives it on its topic with the same id, keys, tags and properties.
 */
@Timeout(180)
class DeadLetterCompatTest {

    /** Every level 1 s: retries (level 3 + earlier retries) come after about a second. */
    private static final String SHORT_LEVELS = "--mq.broker.delay-levels=" + String.join(",",
            java.util.Collections.nCopies(18, "1s"));

    @TempDir
    Path dataDir;

    private final TestResources resources = new TestResources();

    @AfterEach
    void closeAll() throws Exception {
        resources.close();
    }

    @Test
    void aDeadLetterIsListedAndResentWithNoConsumerOnline() throws Exception {
        ServerProcess server = new ServerProcess(dataDir.resolve("server"), SHORT_LEVELS);
        resources.add(server);
        server.start();
        Clients clients = new Clients(server);
        resources.add(clients);
        BrokerAdmin admin = new BrokerAdmin(server.brokerAddr());
        resources.add(admin);
        DefaultMQProducer producer = clients.producer();
        String topic = unique("Fragile");
        String group = unique("cg");
        clients.createTopic(producer, topic, 1);
        clients.createTopic(producer, "%RETRY%" + group, 1);

        List<MessageExt> failures = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer failing = clients.pushConsumer(group);
        failing.setMaxReconsumeTimes(2);
        failing.subscribe(topic, "*");
        failing.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            failures.addAll(messages);
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        });
        failing.start();
        Message message = message(topic, "TagX", "poison");
        message.setKeys("order-7");
        message.putUserProperty("tenant", "acme");
        SendResult sent = producer.send(message);
        assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);

        JsonNode[] page = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            page[0] = admin.listDeadLetters(group, 0, 10);
            return page[0].get("messages").size() > 0;
        });
        failing.shutdown();
        assertThat(failures).extracting(MessageExt::getReconsumeTimes).startsWith(0, 1, 2);

        page[0] = admin.listDeadLetters(group, 0, 10);
        assertThat(page[0].get("topic").asString()).isEqualTo("%DLQ%" + group);
        assertThat(page[0].get("maxOffset").asLong()).isEqualTo(1);
        assertThat(page[0].get("nextOffset").asLong()).isEqualTo(1);
        JsonNode letter = page[0].get("messages").get(0);
        assertThat(letter.get("msgId").asString()).isEqualTo(sent.getMsgId());
        assertThat(letter.get("originTopic").asString()).isEqualTo(topic);
        assertThat(letter.get("keys").asString()).isEqualTo("order-7");
        assertThat(letter.get("tags").asString()).isEqualTo("TagX");
        assertThat(letter.get("reconsumeTimes").asInt()).isEqualTo(3);
        assertThat(letter.get("storeTimestamp").asLong()).isPositive();
        assertThat(letter.get("properties").get("tenant").asString()).isEqualTo("acme");
        assertThat(admin.listDeadLetters(group, 1, 10).get("messages").size()).as("the next page").isZero();

        JsonNode result = admin.resendDeadLetters(group,
                "{\"msgIds\":[\"" + sent.getMsgId() + "\",\"NO_SUCH_ID\"]}");
        assertThat(result.get("resent").asInt()).isEqualTo(1);
        assertThat(result.get("resentIds").get(0).asString()).isEqualTo(sent.getMsgId());
        assertThat(result.get("notFound").get(0).asString()).isEqualTo("NO_SUCH_ID");
        assertThat(result.get("resentBefore").size()).isZero();

        Clients.Received received = new Clients.Received();
        clients.pushConsumer(group, topic, received);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() > 0);
        MessageExt again = received.messages().get(0);
        assertThat(again.getTopic()).isEqualTo(topic);
        assertThat(body(again)).isEqualTo("poison");
        assertThat(again.getMsgId()).isEqualTo(sent.getMsgId());
        assertThat(again.getKeys()).isEqualTo("order-7");
        assertThat(again.getTags()).isEqualTo("TagX");
        assertThat(again.getUserProperty("tenant")).isEqualTo("acme");
        assertThat(again.getReconsumeTimes()).isZero();
        assertThat(again.getProperty("DLQ_ORIGIN_TOPIC")).isNull();

        JsonNode twice = admin.resendDeadLetters(group, "{\"fromOffset\":0}");
        assertThat(twice.get("resent").asInt()).as("re-sending again is allowed").isEqualTo(1);
        assertThat(twice.get("resentBefore").get(0).asString()).as("and reported").isEqualTo(sent.getMsgId());
        await().atMost(Duration.ofSeconds(30)).until(() -> received.messages().size() >= 2);
        assertThat(received.messages()).extracting(MessageExt::getMsgId).containsOnly(sent.getMsgId());
    }
}
