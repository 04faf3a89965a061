package dev.mq.server.broker.deadletter;

import dev.mq.message.MessageIds;
import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandException;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.server.broker.TestStore;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;
import dev.mq.server.broker.state.ConsumerOffsets;
import dev.mq.server.broker.state.QueueLocks;
import dev.mq.server.broker.state.SubscriptionGroups;
import dev.mq.server.broker.state.TopicTable;
import dev.mq.store.StoredMessages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LIST_DEAD_LETTERS and RESEND_DEAD_LETTERS against a real store and topic table. */
class DeadLetterProcessorTest {

    private static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10911);

    @TempDir
    Path dir;

    private TestStore test;
    private BrokerContext broker;
    private DeadLetterProcessor processor;
    private long lettersWithoutOrigin;

    @BeforeEach
    void open() {
        test = new TestStore(dir);
        Path config = dir.resolve("config");
        broker = new BrokerContext("broker-a", "DefaultCluster", STORE_HOST, true, test.store,
                new TopicTable(config, test.clock, true, 8), new ConsumerOffsets(config), new SubscriptionGroups(config),
                new ClientRegistry(), new QueueLocks(60_000), test.clock, () -> { });
        broker.topics().put(TopicConfig.of("Orders", 2, Permissions.READ_WRITE));
        processor = new DeadLetterProcessor(broker);
        deadLetter("U1", "Orders");
        deadLetter("U2", "Gone");
        lettersWithoutOrigin = deadLetter("U3", null);
    }

    @AfterEach
    void close() {
        test.close();
    }

    private long deadLetter(String id, String origin) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(PropertyNames.UNIQ_KEY, id);
        properties.put(PropertyNames.TAGS, "T");
        if (origin != null) {
            properties.put(PropertyNames.DLQ_ORIGIN_TOPIC, origin);
        }
        return test.append(new AppendMessage("%DLQ%g", 0, 0, 0, 1L, STORE_HOST, 3, 0L,
                id.getBytes(StandardCharsets.UTF_8), MessageProperties.format(properties)));
    }

    private JsonNode call(int code, Map<String, Object> header, String body, int expectedCode) {
        RemotingCommand request = RemotingCommand.request(code);
        header.forEach(request::putExt);
        if (body != null) {
            request.setBody(body.getBytes(StandardCharsets.UTF_8));
        }
        RemotingCommand response = processor.process(null, request).join();
        assertThat(response.code()).as(response.remark()).isEqualTo(expectedCode);
        return response.body() == null ? null : RemotingJson.mapper().readTree(response.body());
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void deadLettersAreListedPageByPage() {
        JsonNode first = call(RequestCode.LIST_DEAD_LETTERS, Map.of("group", "g", "maxCount", 2), null,
                ResponseCode.SUCCESS);
        assertThat(first.get("maxOffset").asLong()).isEqualTo(3);
        assertThat(first.get("nextOffset").asLong()).isEqualTo(2);
        assertThat(first.get("messages").valueStream().map(m -> m.get("msgId").asString())).containsExactly("U1", "U2");
        assertThat(first.get("messages").get(0).get("originTopic").asString()).isEqualTo("Orders");
        assertThat(first.get("messages").get(0).get("reconsumeTimes").asInt()).isEqualTo(3);
        JsonNode second = call(RequestCode.LIST_DEAD_LETTERS, Map.of("group", "g", "offset", 2, "maxCount", 2), null,
                ResponseCode.SUCCESS);
        assertThat(second.get("messages").valueStream().map(m -> m.get("msgId").asString())).containsExactly("U3");
        assertThat(second.get("nextOffset").asLong()).isEqualTo(3);
        JsonNode none = call(RequestCode.LIST_DEAD_LETTERS, Map.of("group", "other"), null, ResponseCode.SUCCESS);
        assertThat(none.get("messages").size()).isZero();
        call(RequestCode.LIST_DEAD_LETTERS, Map.of("group", "g", "maxCount", 0), null, ResponseCode.INVALID_PARAMETER);
    }

    @Test
    void resendingReportsWhatWasResentMissingOrImpossible() {
        String offsetIdOfU3 = MessageIds.offsetMessageId(STORE_HOST, lettersWithoutOrigin);
        JsonNode result = call(RequestCode.RESEND_DEAD_LETTERS, Map.of("group", "g"),
                "{\"msgIds\":[\"U1\",\"U2\",\"NOPE\",\"" + offsetIdOfU3 + "\"]}", ResponseCode.SUCCESS);
        assertThat(result.get("resent").asInt()).isEqualTo(1);
        assertThat(strings(result.get("resentIds"))).containsExactly("U1");
        assertThat(strings(result.get("notFound"))).containsExactly("NOPE");
        assertThat(strings(result.get("resentBefore"))).isEmpty();
        assertThat(result.get("failed").valueStream().map(f -> f.get("msgId").asString() + ": " + f.get("reason").asString()))
                .containsExactly("U2: the origin topic Gone does not exist",
                        "U3: the dead letter names no origin topic (DLQ_ORIGIN_TOPIC)");
        awaitDispatched();
        try (StoredMessages copies = test.store.queryByUniqueKey("Orders", "U1", 10, 0, Long.MAX_VALUE)) {
            assertThat(copies.size()).isEqualTo(1);
        }

        JsonNode again = call(RequestCode.RESEND_DEAD_LETTERS, Map.of("group", "g"),
                "{\"fromOffset\":0,\"toOffset\":1}", ResponseCode.SUCCESS);
        assertThat(strings(again.get("resentIds"))).containsExactly("U1");
        assertThat(strings(again.get("resentBefore"))).containsExactly("U1");
        awaitDispatched();
        try (StoredMessages copies = test.store.queryByUniqueKey("Orders", "U1", 10, 0, Long.MAX_VALUE)) {
            assertThat(copies.size()).isEqualTo(2);
        }
    }

    @Test
    void badResendRequestsAreRefusedWithoutResendingAnything() {
        call(RequestCode.RESEND_DEAD_LETTERS, Map.of("group", "g"), "{}", ResponseCode.INVALID_PARAMETER);
        call(RequestCode.RESEND_DEAD_LETTERS, Map.of("group", "g"), "{\"fromOffset\":-1}", ResponseCode.INVALID_PARAMETER);
        RemotingCommand noBody = RemotingCommand.request(RequestCode.RESEND_DEAD_LETTERS).putExt("group", "g");
        assertThatThrownBy(() -> processor.process(null, noBody)).isInstanceOf(RemotingCommandException.class)
                .hasMessageContaining("no ResendRequest body");
        assertThat(test.store.maxOffset("Orders", 0) + test.store.maxOffset("Orders", 1)).isZero();
    }

    private void awaitDispatched() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (test.store.dispatchedOffset() < test.store.commitLogMaxOffset()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
