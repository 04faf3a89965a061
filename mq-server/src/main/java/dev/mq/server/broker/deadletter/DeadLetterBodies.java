package dev.mq.server.broker.deadletter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/** JSON bodies of the dead-letter extension requests (docs/admin-extensions.md). */
final class DeadLetterBodies {

    private DeadLetterBodies() {
    }

    /**
     * One dead letter as LIST_DEAD_LETTERS shows it.
     *
     * @param msgId          the id clients see (UNIQ_KEY), also the id RESEND_DEAD_LETTERS takes
     * @param offsetMsgId    the dead letter's own offset message id (VIEW_MESSAGE_BY_ID reads it whole)
     * @param queueOffset    its offset in the dead-letter queue (for paging and offset ranges)
     * @param originTopic    the topic it failed on (null if unknown: then it cannot be re-sent)
     * @param originMsgId    DLQ_ORIGIN_MESSAGE_ID
     * @param reconsumeTimes deliveries that failed
     * @param properties     every property of the stored dead letter
     */
    record Entry(String msgId, String offsetMsgId, long queueOffset, String originTopic, String originMsgId,
                 String keys, String tags, long storeTimestamp, long bornTimestamp, int reconsumeTimes,
                 int bodyLength, Map<String, String> properties) {
    }

    /**
     * The answer to LIST_DEAD_LETTERS.
     *
     * @param minOffset  first offset still stored in the dead-letter queue
     * @param maxOffset  the queue's end (next offset to be written)
     * @param nextOffset where the next page starts
     */
    record Page(String group, String topic, long minOffset, long maxOffset, long nextOffset, List<Entry> messages) {
    }

    /**
     * The body of RESEND_DEAD_LETTERS: either ids or a queue-offset range of the dead-letter queue.
     *
     * @param msgIds     ids (UNIQ_KEY or offset message id) to re-send
     * @param fromOffset first queue offset of the range (used when msgIds is empty)
     * @param toOffset   end of the range, exclusive (null: the queue's end)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResendRequest(List<String> msgIds, Long fromOffset, Long toOffset) {
    }

    /** An id that could not be re-sent, and why. */
    record Failure(String msgId, String reason) {
    }

    /**
     * The answer to RESEND_DEAD_LETTERS.
     *
     * @param resent       how many messages were appended to their topics
     * @param resentIds    their ids (UNIQ_KEY, unchanged by the re-send)
     * @param notFound     requested ids with no dead letter of the group
     * @param resentBefore re-sent ids that had been re-sent already (re-sent again, as asked)
     * @param failed       ids found but not re-sent (unknown or missing origin topic, store refusal)
     */
    record ResendResult(int resent, List<String> resentIds, List<String> notFound, List<String> resentBefore,
                        List<Failure> failed) {
    }
}
