package dev.mq.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * A broker group: its cluster, name and the address of each member by broker id (0 = master).
 * Keys are written as quoted decimal strings, which every client's parser accepts.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BrokerData(String cluster, String brokerName, Map<Long, String> brokerAddrs) {
}
