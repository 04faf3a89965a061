package dev.mq.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Set;

/** Body of LOCK_BATCH_MQ and UNLOCK_BATCH_MQ requests. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LockBatchBody(String consumerGroup, String clientId, boolean onlyThisBroker, Set<MessageQueue> mqSet) {

    public LockBatchBody {
        mqSet = mqSet == null ? Set.of() : mqSet;
    }
}
