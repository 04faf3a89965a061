package dev.mq.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The queues one broker holds for a topic, as routes list them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag) {
}
