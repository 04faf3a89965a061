package dev.mq.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Set;

/** Body of GET_ALL_TOPIC_LIST_FROM_NAMESERVER. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TopicList(Set<String> topicList, String brokerAddr) {
}
