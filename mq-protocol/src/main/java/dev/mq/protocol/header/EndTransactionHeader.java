package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.BNAME;
import static dev.mq.protocol.header.ExtFields.COMMIT_LOG_OFFSET;
import static dev.mq.protocol.header.ExtFields.MSG_ID;
import static dev.mq.protocol.header.ExtFields.PRODUCER_GROUP;
import static dev.mq.protocol.header.ExtFields.TOPIC;
import static dev.mq.protocol.header.ExtFields.TRANSACTION_ID;
import static dev.mq.protocol.header.ExtFields.TRAN_STATE_TABLE_OFFSET;

/**
 * The header of END_TRANSACTION (37, oneway): commit or roll back a half message
 * ({@code remoting-protocol.md} section 3.7). The remark may carry an exception text.
 *
 * @param producerGroup        {@code producerGroup}, R: the producer group that sent the half message
 * @param tranStateTableOffset {@code tranStateTableOffset}, R: the half message's queue offset, from the
 *                             send response
 * @param commitLogOffset      {@code commitLogOffset}, R: the half message's commit-log offset, decoded
 *                             from the send response's msgId
 * @param commitOrRollback     {@code commitOrRollback}, R: {@link #COMMIT}, {@link #ROLLBACK} or
 *                             {@link #UNKNOWN}
 * @param fromTransactionCheck {@code fromTransactionCheck}, o: true when answering CHECK_TRANSACTION_STATE,
 *                             or null
 * @param msgId                {@code msgId}, o (R in the protocol; our broker ignores it): the message's
 *                             UNIQ_KEY, or null
 * @param transactionId        {@code transactionId}, o: the transaction id from the send response or the
 *                             check request, or null
 * @param topic                {@code topic}, o: the message's topic, or null; our broker ignores it
 * @param brokerName           {@code bname}, o: the broker the client meant to reach, or null
 */
public record EndTransactionHeader(String producerGroup, long tranStateTableOffset, long commitLogOffset,
                                   int commitOrRollback, Boolean fromTransactionCheck, String msgId,
                                   String transactionId, String topic, String brokerName) implements CommandHeader {

    /** commitOrRollback: the producer does not know yet; the broker will ask again. */
    public static final int UNKNOWN = 0;
    /** commitOrRollback: deliver the message. */
    public static final int COMMIT = 8;
    /** commitOrRollback: discard the message. */
    public static final int ROLLBACK = 12;

    private static final String COMMIT_OR_ROLLBACK = "commitOrRollback";
    private static final String FROM_TRANSACTION_CHECK = "fromTransactionCheck";

    /** Reads the header of an END_TRANSACTION request. */
    public static EndTransactionHeader read(RemotingCommand request) {
        return new EndTransactionHeader(
                request.requireExt(PRODUCER_GROUP),
                request.requireExtLong(TRAN_STATE_TABLE_OFFSET),
                request.requireExtLong(COMMIT_LOG_OFFSET),
                request.requireExtInt(COMMIT_OR_ROLLBACK),
                request.extBoolean(FROM_TRANSACTION_CHECK),
                request.ext(MSG_ID),
                request.ext(TRANSACTION_ID),
                request.ext(TOPIC),
                request.ext(BNAME));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(PRODUCER_GROUP, producerGroup)
                .putExt(TRAN_STATE_TABLE_OFFSET, tranStateTableOffset)
                .putExt(COMMIT_LOG_OFFSET, commitLogOffset)
                .putExt(COMMIT_OR_ROLLBACK, commitOrRollback)
                .putExt(FROM_TRANSACTION_CHECK, fromTransactionCheck)
                .putExt(MSG_ID, msgId)
                .putExt(TRANSACTION_ID, transactionId)
                .putExt(TOPIC, topic)
                .putExt(BNAME, brokerName);
    }
}
