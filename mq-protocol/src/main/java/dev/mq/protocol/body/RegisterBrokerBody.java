package dev.mq.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/** Body of REGISTER_BROKER (uncompressed form): the broker's topics. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterBrokerBody(TopicConfigWrapper topicConfigSerializeWrapper, List<String> filterServerList) {

    public RegisterBrokerBody {
        filterServerList = filterServerList == null ? List.of() : filterServerList;
    }

    /** The topic table and its version. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TopicConfigWrapper(Map<String, TopicConfig> topicConfigTable, DataVersion dataVersion) {

        public TopicConfigWrapper {
            topicConfigTable = topicConfigTable == null ? Map.of() : topicConfigTable;
        }
    }
}
