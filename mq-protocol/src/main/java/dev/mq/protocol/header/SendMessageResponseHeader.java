package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.MSG_ID;
import static dev.mq.protocol.header.ExtFields.QUEUE_ID;
import static dev.mq.protocol.header.ExtFields.QUEUE_OFFSET;
import static dev.mq.protocol.header.ExtFields.TRANSACTION_ID;

/**
 * The header of a send response (SEND_MESSAGE, SEND_MESSAGE_V2, SEND_BATCH_MESSAGE) whose message
 * was stored: codes SUCCESS, FLUSH_DISK_TIMEOUT, SLAVE_NOT_AVAILABLE, FLUSH_SLAVE_TIMEOUT (Apache's
 * SendMessageResponseHeader plus the two extra fields, {@code remoting-protocol.md} section 3.2).
 * Responses with other codes carry only {@code MSG_REGION} and {@code TRACE_ON}, which a broker
 * must always send: Apache clients read {@code MSG_REGION} without a null check.
 *
 * @param msgId         {@code msgId}, R: the offset message id of the stored message; for a batch the
 *                      ids of all its messages, comma-separated
 * @param queueId       {@code queueId}, R: the queue written
 * @param queueOffset   {@code queueOffset}, R: the queue offset of the (first) message; for a half
 *                      message its offset in the half queue
 * @param transactionId {@code transactionId}, o: the message's UNIQ_KEY, which the producer passes to
 *                      END_TRANSACTION, or null
 * @param batchUniqId   {@code batchUniqId}, o (5.x): or null; our broker never sends it
 * @param recallHandle  {@code recallHandle}, o (5.x): or null; our broker never sends it
 * @param region        {@code MSG_REGION}, o when read (a broker must send it): the region id, e.g.
 *                      {@code DefaultRegion}, or null
 * @param traceOn       {@code TRACE_ON}, o when read (a broker must send it): whether message trace is
 *                      on, or null
 */
public record SendMessageResponseHeader(String msgId, int queueId, long queueOffset, String transactionId,
                                        String batchUniqId, String recallHandle, String region, Boolean traceOn)
        implements CommandHeader {

    private static final String BATCH_UNIQ_ID = "batchUniqId";
    private static final String RECALL_HANDLE = "recallHandle";
    private static final String MSG_REGION = "MSG_REGION";
    private static final String TRACE_ON = "TRACE_ON";

    /** The {@code msgId} of a send response without reading the rest (comma-joined for a batch), or null. */
    public static String msgIdOf(RemotingCommand response) {
        return response.ext(MSG_ID);
    }

    /** Reads the header of a send response whose message was stored. */
    public static SendMessageResponseHeader read(RemotingCommand response) {
        return new SendMessageResponseHeader(
                response.requireExt(MSG_ID),
                response.requireExtInt(QUEUE_ID),
                response.requireExtLong(QUEUE_OFFSET),
                response.ext(TRANSACTION_ID),
                response.ext(BATCH_UNIQ_ID),
                response.ext(RECALL_HANDLE),
                response.ext(MSG_REGION),
                response.extBoolean(TRACE_ON));
    }

    /**
     * Writes only {@code MSG_REGION} and {@code TRACE_ON}, for a send response whose message was not
     * stored (it has no id, queue or offset to report); null values are not written.
     */
    public static void writeRegionAndTrace(RemotingCommand response, String region, Boolean traceOn) {
        response.putExt(MSG_REGION, region).putExt(TRACE_ON, traceOn);
    }

    @Override
    public void writeTo(RemotingCommand response) {
        response.putExt(MSG_ID, msgId)
                .putExt(QUEUE_ID, queueId)
                .putExt(QUEUE_OFFSET, queueOffset)
                .putExt(TRANSACTION_ID, transactionId)
                .putExt(BATCH_UNIQ_ID, batchUniqId)
                .putExt(RECALL_HANDLE, recallHandle);
        writeRegionAndTrace(response, region, traceOn);
    }
}
