package dev.mq.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Set;

/** Body of HEART_BEAT: who the client is and which groups it produces and consumes for. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HeartbeatData(@JsonProperty("clientID") String clientId, Set<ProducerData> producerDataSet,
                            Set<ConsumerData> consumerDataSet) {

    public HeartbeatData {
        producerDataSet = producerDataSet == null ? Set.of() : producerDataSet;
        consumerDataSet = consumerDataSet == null ? Set.of() : consumerDataSet;
    }

    /** A producer group of the client. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProducerData(String groupName) {
    }

    /**
     * A consumer group of the client.
     *
     * @param consumeType      CONSUME_PASSIVELY (push), CONSUME_ACTIVELY (pull) or CONSUME_POP
     * @param messageModel     CLUSTERING or BROADCASTING
     * @param consumeFromWhere where a new group starts
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConsumerData(String groupName, String consumeType, String messageModel, String consumeFromWhere,
                               List<SubscriptionData> subscriptionDataSet, boolean unitMode) {

        public ConsumerData {
            subscriptionDataSet = subscriptionDataSet == null ? List.of() : subscriptionDataSet;
        }
    }

    /** One subscription: topic and tag expression ({@code *} or {@code a || b}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubscriptionData(String topic, String subString, Set<String> tagsSet, Set<Integer> codeSet,
                                   long subVersion, String expressionType, boolean classFilterMode) {
    }
}
