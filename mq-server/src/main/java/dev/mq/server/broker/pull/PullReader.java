package dev.mq.server.broker.pull;

import dev.mq.message.record.RecordBodies;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.PullMessageResponseHeader;
import dev.mq.store.GetMessageResult;
import dev.mq.store.MessageStore;

/**
 * Reads a pull from the store and builds its response: the messages found, or the status that
 * says why there are none (nothing new yet, offset moved, filtered out). Never waits; the
 * {@link PullProcessor} decides whether a pull that found nothing parks in {@link LongPolling},
 * which reads again here when the queue grows or the wait ends.
 */
final class PullReader {

    private final MessageStore store;

    PullReader(MessageStore store) {
        this.store = store;
    }

    /** The response to {@code pull} from what the queue holds now. */
    RemotingCommand read(PullRequest pull) {
        try (GetMessageResult result = store.getMessages(pull.topic(), pull.queueId(), pull.offset(),
                pull.maxMessages(), pull.maxBytes(), pull.filter())) {
            int code;
            long next = result.nextBeginOffset();
            switch (result.status()) {
                case FOUND -> code = ResponseCode.SUCCESS;
                case NO_MATCHED_MESSAGE, OFFSET_FOUND_NULL -> code = ResponseCode.PULL_RETRY_IMMEDIATELY;
                case OFFSET_OVERFLOW_ONE -> code = ResponseCode.PULL_NOT_FOUND;
                case NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE -> {
                    code = pull.offset() == 0 ? ResponseCode.PULL_NOT_FOUND : ResponseCode.PULL_OFFSET_MOVED;
                    next = 0;
                }
                case OFFSET_TOO_SMALL, OFFSET_OVERFLOW_BADLY -> code = ResponseCode.PULL_OFFSET_MOVED;
                default -> throw new IllegalStateException("unexpected read status " + result.status());
            }
            RemotingCommand response = RemotingCommand.responseTo(pull.command(), code, null);
            PullMessageResponseHeader.of(0, next, result.minOffset(), result.maxOffset()).writeTo(response);
            if (code == ResponseCode.SUCCESS) {
                response.setBody(RecordBodies.concatenate(result.messages()));
            }
            return response;
        }
    }
}
