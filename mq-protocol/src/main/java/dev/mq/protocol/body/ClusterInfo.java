package dev.mq.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;
import java.util.Set;

/** Body of GET_BROKER_CLUSTER_INFO. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterInfo(Map<String, BrokerData> brokerAddrTable, Map<String, Set<String>> clusterAddrTable) {
}
