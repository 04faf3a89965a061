package dev.mq.client.internal.producer;

import dev.mq.client.LocalTransaction;
import dev.mq.client.LocalTransactionState;
import dev.mq.client.MqClientException;
import dev.mq.client.MqException;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.SendResult;
import dev.mq.client.SendStatus;
import dev.mq.client.TransactionChecker;
import dev.mq.client.TransactionSendResult;
import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.RecordDecoder;
import dev.mq.client.internal.Registration;
import dev.mq.message.MessageIds;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.header.CheckTransactionStateHeader;
import dev.mq.protocol.header.EndTransactionHeader;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The transaction protocol of one transactional producer ({@code remoting-protocol.md} sections 3.7
 * and 5.8): send the half message, run the local transaction, tell the broker the outcome
 * (END_TRANSACTION, oneway), either at once ({@link #send}) or later ({@link #prepare} then
 * {@link #end}); and answer the broker's check-backs (CHECK_TRANSACTION_STATE for this
 * producer's group) with the {@link TransactionChecker}'s decision, on the connection the check came on.
 */
public final class TransactionSupport implements Registration {

    private static final System.Logger LOG = System.getLogger(TransactionSupport.class.getName());

    private final ClientCore core;
    private final SendEngine engine;
    private final TransactionChecker checker;
    private final Registration checkBacks;

    /**
     * The transaction protocol for the producer that sends with {@code engine}; answers the broker's
     * check-backs for the producer's group from now until {@link #close()}.
     */
    public TransactionSupport(ClientCore core, SendEngine engine, TransactionChecker checker) {
        this.core = Objects.requireNonNull(core, "core");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.checkBacks = core.brokerRequests().register(RequestCode.CHECK_TRANSACTION_STATE,
                engine.settings().group(), this::checkBack);
    }

    /** Stops answering check-backs. Idempotent. */
    @Override
    public void close() {
        checkBacks.close();
    }

    /**
     * Sends {@code message} as a half message, runs {@code local}, and commits or rolls back as it
     * says. A half message stored with a status other than SEND_OK is rolled back without running
     * the local transaction.
     *
     * @throws MqException when the half message could not be sent (the local transaction did not run)
     * @throws MqClientException wrapping what the local transaction threw (reported as UNKNOWN)
     */
    public TransactionSendResult send(OutgoingMessage message, LocalTransaction local) {
        Objects.requireNonNull(local, "local transaction");
        SendResult half = engine.sendHalf(message);
        LocalTransactionState state;
        Exception failure = null;
        if (half.status() != SendStatus.SEND_OK) {
            state = LocalTransactionState.ROLLBACK;
        } else {
            try {
                state = Objects.requireNonNull(local.execute(half), "the local transaction returned null");
            } catch (Exception e) {
                state = LocalTransactionState.UNKNOWN;
                failure = e;
            }
        }
        endOrLog(half, state, failure);
        if (failure != null) {
            throw new MqClientException("the local transaction of message " + half.messageId() + " failed: " + failure
                    + "; the broker will ask the checker of group " + engine.settings().group() + " later", failure);
        }
        return new TransactionSendResult(half, half.messageId(), state);
    }

    /**
     * Sends {@code message} as a half message and returns where it was stored, leaving the outcome
     * to a later {@link #end}. A half message stored with a status other than SEND_OK is rolled back
     * at once and reported as a failure.
     *
     * @throws MqException when the half message could not be sent or was not stored with SEND_OK
     */
    public SendResult prepare(OutgoingMessage message) {
        SendResult half = engine.sendHalf(message);
        if (half.status() != SendStatus.SEND_OK) {
            endOrLog(half, LocalTransactionState.ROLLBACK, null);
            throw new MqClientException("half message " + half.messageId() + " was stored by broker "
                    + half.brokerName() + " with status " + half.status() + ", not SEND_OK; it was rolled back");
        }
        return half;
    }

    /**
     * Tells the broker that stored {@code half} the outcome of its transaction (END_TRANSACTION,
     * oneway: nobody confirms it; a lost one is repaired by the broker's check-back).
     *
     * @throws MqException when the request could not be written: the broker is no longer routed, its
     *                     answer to the half message had no usable offset message id, or the
     *                     connection failed. The broker checks back later.
     */
    public void end(SendResult half, LocalTransactionState state, String remark) {
        Objects.requireNonNull(state, "state");
        RemotingCommand request = RemotingCommand.request(RequestCode.END_TRANSACTION);
        try {
            new EndTransactionHeader(engine.settings().group(), half.queueOffset(),
                    MessageIds.commitLogOffset(half.offsetMessageId()), code(state), Boolean.FALSE, half.messageId(),
                    half.messageId(), half.topic(), half.brokerName()).writeTo(request);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MqClientException("cannot end transaction " + half.messageId() + ": the broker's answer had no "
                    + "usable offset message id (" + half.offsetMessageId() + "); the broker will check back", e);
        }
        request.setRemark(remark);
        String address = core.brokers().masterAddress(half.brokerName());
        if (address == null) {
            throw new MqClientException("cannot end transaction " + half.messageId() + ": broker " + half.brokerName()
                    + " is no longer routed; the broker will check back");
        }
        core.invoker().invokeOneway(address, request, "end of transaction " + half.messageId());
    }

    /** END_TRANSACTION after a send; a failure to deliver it is logged (the broker checks back later). */
    private void endOrLog(SendResult half, LocalTransactionState state, Exception failure) {
        try {
            end(half, state, failure == null ? null : "local transaction failed: " + failure);
        } catch (MqException e) {
            LOG.log(Level.WARNING, "transaction {0} stays open ({1} not told): {2}", half.messageId(), state,
                    e.getMessage());
        }
    }

    /** Runs the checker for a check-back (on a callback thread) and answers with END_TRANSACTION. */
    private CompletableFuture<RemotingCommand> checkBack(Connection connection, RemotingCommand request) {
        CheckTransactionStateHeader header = CheckTransactionStateHeader.read(request);
        ReceivedMessage message = RecordDecoder.decodeOne(request.body());
        LocalTransactionState state;
        String remark = null;
        try {
            state = Objects.requireNonNull(checker.check(message), "the transaction checker returned null");
        } catch (Exception e) {
            LOG.log(Level.WARNING, "the transaction checker of group " + engine.settings().group() + " failed for "
                    + message.messageId() + "; answering UNKNOWN", e);
            state = LocalTransactionState.UNKNOWN;
            remark = "transaction checker failed: " + e;
        }
        String transactionId = header.transactionId() != null ? header.transactionId() : message.messageId();
        RemotingCommand end = RemotingCommand.request(RequestCode.END_TRANSACTION);
        new EndTransactionHeader(engine.settings().group(), header.tranStateTableOffset(), header.commitLogOffset(),
                code(state), Boolean.TRUE, message.messageId(), transactionId, message.topic(), header.brokerName())
                .writeTo(end);
        end.setRemark(remark);
        connection.invokeOneway(end);
        return CompletableFuture.completedFuture(null);
    }

    private static int code(LocalTransactionState state) {
        return switch (state) {
            case COMMIT -> EndTransactionHeader.COMMIT;
            case ROLLBACK -> EndTransactionHeader.ROLLBACK;
            case UNKNOWN -> EndTransactionHeader.UNKNOWN;
        };
    }
}
