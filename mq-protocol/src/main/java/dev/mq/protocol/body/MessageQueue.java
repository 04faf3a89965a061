package dev.mq.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One queue of a topic on one broker. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageQueue(String topic, String brokerName, int queueId) {
}
