package dev.mq.server.broker.transaction;

import dev.mq.lifecycle.PeriodicService;
import dev.mq.message.MessageIds;
import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.record.RecordView;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.header.CheckTransactionStateHeader;
import dev.mq.store.GetMessageResult;
import dev.mq.store.GetMessageStatus;
import dev.mq.store.MessageStore;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;

/**
 * The transaction checker: one thread that, every check interval, folds new op records into the
 * {@link TransactionBook}, then walks the open halves and, for each older than its immunity time
 * (CHECK_IMMUNITY_TIME_IN_SECONDS, else the timeout), asks one live producer of its group for the
 * transaction state (CHECK_TRANSACTION_STATE, oneway) and counts the check. A half already
 * checked {@code maxChecks} times is moved to TRANS_CHECK_MAX_TIME_TOPIC and resolved. When no
 * producer of the group is online the half is left alone (not counted) until the next cycle.
 *
 * <p>Op records are folded only once flushed, so the persisted book never claims more than the
 * disk holds; ops not folded yet are covered by the claims of the requests that wrote them.
 */
final class TransactionCheckService implements AutoCloseable {

    /** Delivers a check to one live producer of a group; false if none is online. */
    interface CheckSender {
        boolean send(String producerGroup, RemotingCommand check);
    }

    private static final System.Logger LOG = System.getLogger(TransactionCheckService.class.getName());
    private static final int READ_BATCH = 32;
    private static final int READ_BYTES = 1024 * 1024;

    private final MessageStore store;
    private final TransactionBook book;
    private final TransactionResolver resolver;
    private final TransactionSettings settings;
    private final CheckSender sender;
    private final String brokerName;
    private final InetSocketAddress storeHost;
    private final Clock clock;
    private final PeriodicService service;
    private final RecordView view = new RecordView();

    TransactionCheckService(MessageStore store, TransactionBook book, TransactionResolver resolver,
                            TransactionSettings settings, CheckSender sender, String brokerName,
                            InetSocketAddress storeHost, Clock clock) {
        this.store = store;
        this.book = book;
        this.resolver = resolver;
        this.settings = settings;
        this.sender = sender;
        this.brokerName = brokerName;
        this.storeHost = storeHost;
        this.clock = clock;
        this.service = new PeriodicService("mq-broker-transaction-check", settings.checkInterval(), this::runOnce,
                e -> LOG.log(Level.ERROR, "transaction check cycle failed, retrying at the next one", e));
    }

    void start() {
        service.start();
    }

    /** One cycle (the thread's job; tests call it directly instead of starting the thread). */
    void runOnce() {
        foldOps();
        checkHalves();
        book.persist();
    }

    private void foldOps() {
        while (true) {
            long offset = book.opProgress();
            try (GetMessageResult read = store.getMessages(TopicNames.TRANSACTION_OP_TOPIC, 0, offset, READ_BATCH, READ_BYTES,
                    null)) {
                if (read.status() == GetMessageStatus.OFFSET_TOO_SMALL
                        || (read.messageCount() == 0 && read.status() == GetMessageStatus.OFFSET_FOUND_NULL
                        && read.nextBeginOffset() > offset)) {
                    LOG.log(Level.WARNING, "transaction op queue: offset {0} was removed, continuing at {1}",
                            offset, read.nextBeginOffset());
                    book.fold(new long[0], read.nextBeginOffset());
                    continue;
                }
                if (read.messageCount() == 0) {
                    return;
                }
                long flushed = store.flushedOffset();
                for (ByteBuffer record : read.messages()) {
                    view.wrap(record, record.position());
                    if (view.physicalOffset() + view.totalSize() > flushed) {
                        return; // folded once on disk; until then the writer's claim covers it
                    }
                    book.fold(resolvedOffsets(view), view.queueOffset() + 1);
                }
                if (read.messageCount() < READ_BATCH) {
                    return;
                }
            }
        }
    }

    private long[] resolvedOffsets(RecordView op) {
        try {
            return HalfMessages.resolvedOffsets(op.body());
        } catch (NumberFormatException e) {
            LOG.log(Level.WARNING, "skipping op record at commit-log offset {0}: its body is not a list of offsets",
                    op.physicalOffset());
            return new long[0];
        }
    }

    private void checkHalves() {
        long now = clock.millis();
        long offset = book.halfProgress();
        while (true) {
            try (GetMessageResult read = store.getMessages(TopicNames.TRANSACTION_HALF_TOPIC, 0, offset, READ_BATCH, READ_BYTES,
                    null)) {
                if (read.status() == GetMessageStatus.OFFSET_TOO_SMALL
                        || (read.messageCount() == 0 && read.status() == GetMessageStatus.OFFSET_FOUND_NULL
                        && read.nextBeginOffset() > offset)) {
                    LOG.log(Level.WARNING, "half queue: halves below {0} were removed by retention; they are not "
                            + "checked any more", read.nextBeginOffset());
                    book.skipTo(read.nextBeginOffset());
                    offset = read.nextBeginOffset();
                    continue;
                }
                if (read.messageCount() == 0) {
                    return;
                }
                for (ByteBuffer record : read.messages()) {
                    view.wrap(record, record.position());
                    offset = view.queueOffset() + 1;
                    if (book.isOpen(view.queueOffset())) {
                        check(record, now);
                    }
                }
                if (read.messageCount() < READ_BATCH) {
                    return;
                }
            }
        }
    }

    private void check(ByteBuffer record, long now) {
        RecordView half = new RecordView().wrap(record, record.position());
        Map<String, String> properties = MessageProperties.parse(half.properties());
        if (now - half.storeTimestamp() < immunityMillis(properties)) {
            return;
        }
        long halfOffset = half.queueOffset();
        int checks = book.checks(halfOffset);
        String group = properties.get(PropertyNames.PRODUCER_GROUP);
        HalfMessages.Destination destination = HalfMessages.destination(properties);
        if (checks >= settings.maxChecks() || group == null || destination == null) {
            LOG.log(Level.WARNING, "giving up half {0} ({1}, group {2}) after {3} checks: moved to {4}", halfOffset,
                    properties.get(PropertyNames.UNIQ_KEY), group, checks, TopicNames.TRANSACTION_CHECK_MAX_TOPIC);
            resolver.resolve(record, TransactionResolver.Decision.PARK, checks).join();
            return;
        }
        String uniqueKey = properties.get(PropertyNames.UNIQ_KEY);
        RemotingCommand request = RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE);
        new CheckTransactionStateHeader(TopicNames.TRANSACTION_HALF_TOPIC, halfOffset, half.physicalOffset(), uniqueKey,
                uniqueKey == null ? null : properties.getOrDefault(PropertyNames.TRANSACTION_ID, uniqueKey),
                MessageIds.offsetMessageId(storeHost, half.physicalOffset()), brokerName).writeTo(request);
        request.setBody(HalfMessages.checkBody(record, destination, checks + 1, storeHost));
        if (sender.send(group, request)) {
            book.countCheck(halfOffset);
        } else {
            LOG.log(Level.DEBUG, "no producer of group {0} is online to check half {1}; trying at the next cycle",
                    group, halfOffset);
        }
    }

    /** CHECK_IMMUNITY_TIME_IN_SECONDS when it is a non-negative number of seconds, else the timeout. */
    private long immunityMillis(Map<String, String> properties) {
        String custom = properties.get(PropertyNames.CHECK_IMMUNITY_TIME_IN_SECONDS);
        if (custom != null) {
            try {
                long seconds = Long.parseLong(custom.trim());
                if (seconds >= 0) {
                    return seconds * 1000;
                }
            } catch (NumberFormatException e) {
                LOG.log(Level.DEBUG, "ignoring {0}={1}: not a number of seconds", PropertyNames.CHECK_IMMUNITY_TIME_IN_SECONDS,
                        custom);
            }
        }
        return settings.timeout().toMillis();
    }

    /** Stops the thread (letting a running cycle finish) and persists the book. */
    @Override
    public void close() {
        service.close();
        book.persist();
    }
}
