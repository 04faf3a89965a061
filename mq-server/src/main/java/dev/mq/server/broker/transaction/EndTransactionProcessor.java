package dev.mq.server.broker.transaction;

import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.Validation;
import dev.mq.message.record.RecordView;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.EndTransactionHeader;
import dev.mq.store.MessageStore;
import dev.mq.store.StoredMessages;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * END_TRANSACTION (oneway from the producer, after its local transaction or when answering a
 * check-back): commit (8) stores the half on its real topic, rollback (12) discards it, both
 * through the {@link TransactionResolver} so each half is resolved once; unknown (0) is ignored.
 * The half is found by {@code commitLogOffset} and must be a half of {@code producerGroup} at
 * {@code tranStateTableOffset}. Nobody reads the answer of a oneway request, so problems are
 * also logged.
 */
final class EndTransactionProcessor implements RequestProcessor {

    private static final System.Logger LOG = System.getLogger(EndTransactionProcessor.class.getName());

    private final MessageStore store;
    private final TransactionResolver resolver;

    EndTransactionProcessor(MessageStore store, TransactionResolver resolver) {
        this.store = store;
        this.resolver = resolver;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        EndTransactionHeader header = EndTransactionHeader.read(request);
        String group = header.producerGroup();
        long halfQueueOffset = header.tranStateTableOffset();
        long commitLogOffset = header.commitLogOffset();
        int type = header.commitOrRollback();
        Boolean fromCheck = header.fromTransactionCheck();
        TransactionResolver.Decision decision = switch (type) {
            case MessageSysFlag.TRANSACTION_COMMIT -> TransactionResolver.Decision.COMMIT;
            case MessageSysFlag.TRANSACTION_ROLLBACK -> TransactionResolver.Decision.ROLLBACK;
            case 0 -> null;
            default -> throw new IllegalArgumentException("commitOrRollback must be 8 (commit), 12 (rollback) "
                    + "or 0 (unknown) but was " + type);
        };
        if (decision == null) {
            LOG.log(Level.DEBUG, "transaction {0} of group {1} is still unknown (from check: {2})",
                    header.transactionId(), group, fromCheck);
            return reply(request, ResponseCode.SUCCESS, null);
        }
        try (StoredMessages stored = store.readAt(commitLogOffset)) {
            Validation half = stored.isEmpty() ? Validation.invalid("no record at commit-log offset " + commitLogOffset)
                    : checkHalf(stored.messages().get(0), group, halfQueueOffset);
            if (!half.isValid()) {
                LOG.log(Level.WARNING, "END_TRANSACTION {0} from {1} (group {2}, transaction {3}) ignored: {4}",
                        decision, connection == null ? "?" : connection.remoteAddress(), group,
                        header.transactionId(), half.problem());
                return reply(request, ResponseCode.SYSTEM_ERROR, half.problem());
            }
            return resolver.resolve(stored.messages().get(0), decision, 0).thenApply(outcome -> switch (outcome) {
                case RESOLVED -> RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
                case ALREADY_RESOLVED -> {
                    LOG.log(Level.DEBUG, "half {0} of group {1} was already resolved; {2} (from check: {3}) ignored",
                            halfQueueOffset, group, decision, fromCheck);
                    yield RemotingCommand.responseTo(request, ResponseCode.SUCCESS, "already resolved");
                }
                case FAILED -> RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                        "the transaction could not be resolved; it will be checked again");
            });
        }
    }

    /** Whether the record is the half the request names, and if not, why. */
    private static Validation checkHalf(ByteBuffer record, String group, long halfQueueOffset) {
        RecordView view = new RecordView().wrap(record, record.position());
        if (!TopicNames.TRANSACTION_HALF_TOPIC.equals(view.topic())) {
            return Validation.invalid("the record there is not a half message (topic " + view.topic() + ")");
        }
        if (view.queueOffset() != halfQueueOffset) {
            return Validation.invalid("the half there has half-queue offset " + view.queueOffset() + ", not "
                    + halfQueueOffset);
        }
        String owner = MessageProperties.get(view.properties(), PropertyNames.PRODUCER_GROUP);
        if (!group.equals(owner)) {
            return Validation.invalid("the half belongs to producer group " + owner + ", not " + group);
        }
        return Validation.valid();
    }

    private static CompletableFuture<RemotingCommand> reply(RemotingCommand request, int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, code, remark));
    }
}
