package dev.mq.bench.ceiling;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The null broker answers the official producer, and only what it claims to answer. */
class NullBrokerTest {

    private NullBroker broker;

    @BeforeEach
    void start() {
        System.setProperty("rocketmq.client.logRoot", Path.of(System.getProperty("java.io.tmpdir"), "mq-bench-client-logs").toString());
        broker = new NullBroker("127.0.0.1", 0, 0).start("127.0.0.1");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void theOfficialProducerGetsSendOkForSingleAndBatchSends() throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("null_broker_test");
        producer.setNamesrvAddr("127.0.0.1:" + broker.namesrvPort());
        producer.setInstanceName("null-broker-test-" + System.nanoTime());
        producer.start();
        try {
            Set<String> offsetIds = new HashSet<>();
            Set<Integer> queues = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                SendResult result = producer.send(new Message("AnyTopic", "tag", ("m" + i).getBytes(StandardCharsets.UTF_8)));
                assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                assertThat(result.getMessageQueue().getBrokerName()).isEqualTo("null-broker");
                offsetIds.add(result.getOffsetMsgId());
                queues.add(result.getMessageQueue().getQueueId());
            }
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(new Message("AnyTopic", ("b" + i).getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(producer.send(batch).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

            assertThat(offsetIds).hasSize(20).allMatch(id -> id.length() == 32);
            assertThat(queues).hasSizeGreaterThan(1).allMatch(q -> q >= 0 && q < NullBroker.QUEUES);
            assertThat(broker.sends()).isEqualTo(21);
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void requestsOtherThanRoutesHeartbeatsAndSendsAreRefusedByCode() throws Exception {
        try (RemotingClient client = new RemotingClient(RemotingClientConfig.defaults())) {
            RemotingCommand pull = RemotingCommand.request(RequestCode.PULL_MESSAGE);
            RemotingCommand answer = client.invokeSync("127.0.0.1:" + broker.brokerPort(), pull, 3000);
            assertThat(answer.code()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
            assertThat(answer.remark()).contains("null broker", Integer.toString(RequestCode.PULL_MESSAGE));

            RemotingCommand register = RemotingCommand.request(RequestCode.REGISTER_BROKER);
            assertThat(client.invokeSync("127.0.0.1:" + broker.namesrvPort(), register, 3000).code())
                    .isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        }
        assertThat(broker.sends()).isZero();
    }

    @Test
    void optionsAreParsedAndBadOnesNamed() {
        assertThat(NullBrokerCommand.parse(new String[0]))
                .isEqualTo(new NullBrokerCommand.Options("127.0.0.1", 9876, 10911));
        assertThat(NullBrokerCommand.parse(new String[]{"--namesrv-port", "1", "--broker-port", "2", "--host", "::1"}))
                .isEqualTo(new NullBrokerCommand.Options("::1", 1, 2));
        assertThat(NullBrokerCommand.parse(new String[]{"--help"})).isNull();
        assertThatThrownBy(() -> NullBrokerCommand.parse(new String[]{"--broker-port", "70000"}))
                .hasMessageContaining("--broker-port").hasMessageContaining("70000");
        assertThatThrownBy(() -> NullBrokerCommand.parse(new String[]{"--namesrv-port"}))
                .hasMessageContaining("--namesrv-port needs a value");
        assertThatThrownBy(() -> NullBrokerCommand.parse(new String[]{"--color", "red"}))
                .hasMessageContaining("unknown option --color");
    }
}
