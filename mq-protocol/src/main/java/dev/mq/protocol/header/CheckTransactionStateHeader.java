package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.BNAME;
import static dev.mq.protocol.header.ExtFields.COMMIT_LOG_OFFSET;
import static dev.mq.protocol.header.ExtFields.MSG_ID;
import static dev.mq.protocol.header.ExtFields.TOPIC;
import static dev.mq.protocol.header.ExtFields.TRANSACTION_ID;
import static dev.mq.protocol.header.ExtFields.TRAN_STATE_TABLE_OFFSET;

/**
 * The header of CHECK_TRANSACTION_STATE (39, broker to producer, oneway): the broker asks a producer
 * of the half message's group whether to commit it; the body is the half message re-targeted to its
 * real topic ({@code remoting-protocol.md} section 3.7). The producer answers with END_TRANSACTION
 * ({@link EndTransactionHeader}), passing on the two offsets.
 *
 * @param topic                {@code topic}, o: the half topic, as Apache sends it; or null
 * @param tranStateTableOffset {@code tranStateTableOffset}, R: the half message's queue offset
 * @param commitLogOffset      {@code commitLogOffset}, R: the half message's commit-log offset
 * @param msgId                {@code msgId}, o: the message's UNIQ_KEY, or null (our broker sends it when
 *                             the message has one)
 * @param transactionId        {@code transactionId}, o: the transaction id (the UNIQ_KEY), or null
 * @param offsetMsgId          {@code offsetMsgId}, o: the half message's offset message id, or null
 * @param brokerName           {@code bname}, o: the name of the asking broker, or null
 */
public record CheckTransactionStateHeader(String topic, long tranStateTableOffset, long commitLogOffset, String msgId,
                                          String transactionId, String offsetMsgId, String brokerName)
        implements CommandHeader {

    private static final String OFFSET_MSG_ID = "offsetMsgId";

    /** Reads the header of a CHECK_TRANSACTION_STATE request. */
    public static CheckTransactionStateHeader read(RemotingCommand request) {
        return new CheckTransactionStateHeader(
                request.ext(TOPIC),
                request.requireExtLong(TRAN_STATE_TABLE_OFFSET),
                request.requireExtLong(COMMIT_LOG_OFFSET),
                request.ext(MSG_ID),
                request.ext(TRANSACTION_ID),
                request.ext(OFFSET_MSG_ID),
                request.ext(BNAME));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic)
                .putExt(TRAN_STATE_TABLE_OFFSET, tranStateTableOffset)
                .putExt(COMMIT_LOG_OFFSET, commitLogOffset)
                .putExt(MSG_ID, msgId)
                .putExt(TRANSACTION_ID, transactionId)
                .putExt(OFFSET_MSG_ID, offsetMsgId)
                .putExt(BNAME, brokerName);
    }
}
