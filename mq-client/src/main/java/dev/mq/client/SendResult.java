package dev.mq.client;

/**
 * Where a sent message was stored.
 *
 * @param status          how the broker stored it
 * @param messageId       the message id (the UNIQ_KEY property the client generated): what consumers
 *                        see as the message id, and what the broker indexes for queries by id
 * @param offsetMessageId the broker's id of the stored record (store host and commit-log offset, 32
 *                        hex characters for IPv4); for a delayed or transactional message, the id of
 *                        the parked record. Null only if the broker's answer did not carry one per
 *                        message of a batch
 * @param topic           the topic sent to
 * @param brokerName      the broker group that stored it
 * @param queueId         the queue it was stored in
 * @param queueOffset     its offset in that queue (for a delayed message, in the parked queue; for a
 *                        transactional half message, in the half queue)
 */
public record SendResult(SendStatus status, String messageId, String offsetMessageId, String topic,
                         String brokerName, int queueId, long queueOffset) {
}
