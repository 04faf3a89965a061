package dev.mq.server.broker.transaction;

import dev.mq.message.MessageIds;
import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.RecordView;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.server.broker.MovableClock;
import dev.mq.server.broker.delay.DelayLevels;
import dev.mq.server.broker.send.SendProcessor;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;
import dev.mq.server.broker.state.ConsumerOffsets;
import dev.mq.server.broker.state.QueueLocks;
import dev.mq.server.broker.state.SubscriptionGroups;
import dev.mq.server.broker.state.TopicTable;
import dev.mq.server.broker.timer.TimerMessages;
import dev.mq.store.DiskUsageProbe;
import dev.mq.store.FlushMode;
import dev.mq.store.GetMessageResult;
import dev.mq.store.MessageStore;
import dev.mq.store.StoreConfig;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker's transaction parts on a real store in a temp directory, with a clock the test moves
 * and a recording check sender instead of producer connections. {@link #restart()} closes
 * everything and opens it again on the same directory.
 */
final class TransactionFixture implements AutoCloseable {

    static final String GROUP = "tx-producer";
    static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10911);

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
    /** Checks sent, with the group they were sent to. */
    final List<Sent> checks = new CopyOnWriteArrayList<>();
    /** Whether a producer of {@link #GROUP} is online. */
    volatile boolean producerOnline = true;

    private final Path dir;
    private final TransactionSettings settings;
    MessageStore store;
    SendProcessor send;
    EndTransactionProcessor end;
    TransactionCheckService checker;

    record Sent(String group, RemotingCommand check) {
    }

    TransactionFixture(Path dir, TransactionSettings settings) {
        this.dir = dir;
        this.settings = settings;
        open();
    }

    private void open() {
        StoreConfig config = StoreConfig.builder(dir.resolve("store"))
                .storeHost(STORE_HOST)
                .commitLogSegmentSize(256 * 1024)
                .maxMessageSize(4096)
                .consumeQueueEntriesPerFile(50)
                .indexHashSlots(64)
                .indexEntriesPerFile(200)
                .flushMode(FlushMode.SYNC) // ops are folded once flushed; SYNC makes that immediate
                .build();
        store = MessageStore.open(config, clock, DiskUsageProbe.of(config.dataDir()));
        Path configDir = dir.resolve("config");
        BrokerContext context = new BrokerContext("broker-a", "DefaultCluster", STORE_HOST, true, store,
                new TopicTable(configDir, clock, true, 8), new ConsumerOffsets(configDir),
                new SubscriptionGroups(configDir), new ClientRegistry(), new QueueLocks(60_000), clock, () -> { });
        TimerMessages timers = new TimerMessages(clock, Duration.ofDays(3));
        send = new SendProcessor(context, new DelayLevels(List.of(Duration.ofSeconds(1))), timers);
        TransactionBook book = new TransactionBook(configDir);
        TransactionResolver resolver = new TransactionResolver(store, book, STORE_HOST, clock, timers::route);
        end = new EndTransactionProcessor(store, resolver);
        checker = new TransactionCheckService(store, book, resolver, settings, (group, check) -> {
            if (!producerOnline) {
                return false;
            }
            checks.add(new Sent(group, check));
            return true;
        }, "broker-a", STORE_HOST, clock);
    }

    void restart() {
        close();
        open();
    }

    /** Sends a half message to {@code topic} queue 0 as the official producer does; returns the answer. */
    RemotingCommand sendHalf(String topic, String body, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put(PropertyNames.TRANSACTION_PREPARED, "true");
        properties.put(PropertyNames.PRODUCER_GROUP, GROUP);
        properties.putIfAbsent(PropertyNames.UNIQ_KEY, "UNIQ" + body);
        properties.putIfAbsent(PropertyNames.TAGS, "TagT");
        properties.putIfAbsent(PropertyNames.KEYS, "key-" + body);
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2);
        request.putExt("a", GROUP).putExt("b", topic).putExt("c", "TBW102").putExt("d", 4).putExt("e", 0)
                .putExt("f", MessageSysFlag.TRANSACTION_PREPARED).putExt("g", clock.millis()).putExt("h", 0)
                .putExt("i", MessageProperties.format(properties)).putExt("j", 0);
        request.setBody(body.getBytes(StandardCharsets.UTF_8));
        RemotingCommand response = send.process(null, request).join();
        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        settle(); // the checker sees halves once dispatched
        return response;
    }

    /** END_TRANSACTION for the half a send answered with, as the producer sends it after its local transaction. */
    RemotingCommand end(RemotingCommand sendResponse, int commitOrRollback) {
        return end(sendResponse.requireExtLong("queueOffset"),
                MessageIds.commitLogOffset(sendResponse.requireExt("msgId")), commitOrRollback, false, GROUP);
    }

    /** END_TRANSACTION answering a check with its offsets. */
    RemotingCommand answer(RemotingCommand check, int commitOrRollback) {
        return end(check.requireExtLong("tranStateTableOffset"), check.requireExtLong("commitLogOffset"),
                commitOrRollback, true, GROUP);
    }

    RemotingCommand end(long halfOffset, long commitLogOffset, int commitOrRollback, boolean fromCheck, String group) {
        RemotingCommand request = RemotingCommand.request(RequestCode.END_TRANSACTION);
        request.putExt("producerGroup", group).putExt("tranStateTableOffset", halfOffset)
                .putExt("commitLogOffset", commitLogOffset).putExt("commitOrRollback", commitOrRollback)
                .putExt("fromTransactionCheck", fromCheck).putExt("msgId", "ignored").markOneway();
        return end.process(null, request).join();
    }

    /** Waits until everything appended so far is dispatched (and flushed, so ops can be folded). */
    void settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long end = store.commitLogMaxOffset();
        while (store.dispatchedOffset() < end || store.flushedOffset() < end) {
            assertThat(System.nanoTime()).as("dispatch and flush up to %d", end).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** What a consumer of the queue would read, after {@link #settle()}. */
    List<Stored> read(String topic, int queueId) {
        settle();
        List<Stored> records = new ArrayList<>();
        try (GetMessageResult read = store.getMessages(topic, queueId, 0, 100, 1 << 20, null)) {
            for (ByteBuffer record : read.messages()) {
                records.add(Stored.of(record));
            }
        }
        return records;
    }

    @Override
    public void close() {
        checker.close();
        store.close();
    }

    /** The fields of a stored record the tests look at. */
    record Stored(String topic, int queueId, long queueOffset, long commitLogOffset, int sysFlag,
                  long preparedTransactionOffset, long storeTimestamp, String body, Map<String, String> properties) {

        static Stored of(ByteBuffer record) {
            RecordView view = new RecordView().wrap(record, record.position());
            return new Stored(view.topic(), view.queueId(), view.queueOffset(), view.physicalOffset(), view.sysFlag(),
                    view.preparedTransactionOffset(), view.storeTimestamp(),
                    new String(view.body(), StandardCharsets.UTF_8), MessageProperties.parse(view.properties()));
        }
    }
}
