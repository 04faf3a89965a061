package dev.mq.protocol.body;

import java.util.Set;

/** Body of a LOCK_BATCH_MQ response: the requested queues now held by the client. */
public record LockBatchResult(Set<MessageQueue> lockOKMQSet) {
}
