package dev.mq.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** Body of a GET_CONSUMER_LIST_BY_GROUP response. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsumerIdList(List<String> consumerIdList) {
}
