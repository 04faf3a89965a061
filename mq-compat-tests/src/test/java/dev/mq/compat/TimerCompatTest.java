package dev.mq.compat;

import dev.mq.compat.Clients.Received;
import dev.mq.protocol.ResponseCode;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.mq.compat.Clients.body;
import static dev.mq.compat.Clients.message;
import static dev.mq.compat.Clients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Exact-time (timer) delivery as the official client asks for it: the TIMER_* properties are set
 * with {@code MessageAccessor.putProperty}, which both 4.9.8 and 5.5.0 have (5.x's
 * {@code setDelayTimeSec}/{@code setDeliverTimeMs} set the same properties). Arrival times are
 * judged by the delivered copy's store time, taken by the broker when it delivers.
 */
@Timeout(180)
class TimerCompatTest {

    @TempDir
    Path dataDir;

    private final TestResources resources = new TestResources();

    @AfterEach
    void closeAll() throws Exception {
        resources.close();
    }

    private static Message timer(String topic, String body, String property, long value) {
        Message message = message(topic, "TagT", body);
        message.setKeys("key-" + body);
        MessageAccessor.putProperty(message, property, Long.toString(value));
        return message;
    }

    @Test
    void aTimerDelayInSecondsAndAnAbsoluteDeliverTimeArriveOnTime() throws Exception {
        ServerProcess server = resources.start(new ServerProcess(dataDir.resolve("server")));
        Clients clients = resources.clients(server);
        DefaultMQProducer producer = clients.producer();
        String topic = unique("Timer");
        clients.createTopic(producer, topic, 1);
        Received received = new Received();
        clients.pushConsumer(unique("cg"), topic, received);

        SendResult relative = producer.send(timer(topic, "in-3s", "TIMER_DELAY_SEC", 3));
        long relativeSent = System.currentTimeMillis();
        long deliverAt = System.currentTimeMillis() + 2_000;
        SendResult absolute = producer.send(timer(topic, "at-time", "TIMER_DELIVER_MS", deliverAt));
        assertThat(relative.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(absolute.getSendStatus()).isEqualTo(SendStatus.SEND_OK);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(List.of("in-3s", "at-time")));
        MessageExt inThree = find(received, "in-3s");
        long took = inThree.getStoreTimestamp() - relativeSent;
        assertThat(took).as("TIMER_DELAY_SEC=3 delivered %d ms after the send returned", took).isBetween(2_000L, 4_000L);
        assertThat(inThree.getMsgId()).isEqualTo(relative.getMsgId());
        assertThat(inThree.getKeys()).isEqualTo("key-in-3s");
        assertThat(inThree.getTags()).isEqualTo("TagT");
        assertThat(inThree.getTopic()).isEqualTo(topic);

        MessageExt atTime = find(received, "at-time");
        assertThat(atTime.getStoreTimestamp() - deliverAt).as("delivery against TIMER_DELIVER_MS")
                .isBetween(-100L, 1_000L);
        assertThat(atTime.getMsgId()).isEqualTo(absolute.getMsgId());
        assertThat(received.duplicates()).isEmpty();
    }

    @Test
    void aTimerBeyondTheMaximumDelayIsRejectedWithAClearError() throws Exception {
        ServerProcess server = resources.start(new ServerProcess(dataDir.resolve("server"), "--mq.broker.timer.max-delay=10s"));
        DefaultMQProducer producer = resources.clients(server).producer();
        String topic = unique("TimerLimit");
        assertThatThrownBy(() -> producer.send(timer(topic, "too-late", "TIMER_DELAY_SEC", 60)))
                .isInstanceOfSatisfying(MQBrokerException.class, e -> {
                    assertThat(e.getResponseCode()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
                    assertThat(e.getMessage()).contains("mq.broker.timer.max-delay").contains("10000 ms");
                });
        assertThat(producer.send(timer(topic, "in-time", "TIMER_DELAY_SEC", 5)).getSendStatus())
                .isEqualTo(SendStatus.SEND_OK);
    }

    @Test
    void pendingTimersSurviveABrokerRestart() throws Exception {
        ServerProcess first = resources.start(new ServerProcess(dataDir.resolve("server")));
        Clients before = resources.clients(first);
        DefaultMQProducer producer = before.producer();
        String topic = unique("TimerRestart");
        before.createTopic(producer, topic, 1);
        long sentAt = System.currentTimeMillis();
        assertThat(producer.send(timer(topic, "survivor-1", "TIMER_DELAY_SEC", 8)).getSendStatus())
                .isEqualTo(SendStatus.SEND_OK);
        assertThat(producer.send(timer(topic, "survivor-2", "TIMER_DELAY_MS", 10_000)).getSendStatus())
                .isEqualTo(SendStatus.SEND_OK);
        before.close();
        assertThat(first.stop()).as("exit code after SIGTERM").isIn(0, 143);

        ServerProcess second = resources.start(first.successor());
        Clients after = resources.clients(second);
        Received received = new Received();
        after.pushConsumer(unique("cg"), topic, received);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(List.of("survivor-1", "survivor-2")));
        assertThat(received.duplicates()).isEmpty();
        assertThat(find(received, "survivor-2").getStoreTimestamp() - sentAt).isGreaterThanOrEqualTo(9_000);
    }

    private static MessageExt find(Received received, String body) {
        return received.messages().stream().filter(m -> body(m).equals(body)).findFirst().orElseThrow();
    }
}
