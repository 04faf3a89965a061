package dev.mq.protocol.header;

/**
 * The ext-field names that more than one header carries, each spelled once. A name only one
 * header uses stays a constant of that header.
 */
final class ExtFields {

    static final String BNAME = "bname";
    static final String BROKER_ADDR = "brokerAddr";
    static final String BROKER_ID = "brokerId";
    static final String BROKER_NAME = "brokerName";
    static final String CLUSTER_NAME = "clusterName";
    static final String COMMIT_LOG_OFFSET = "commitLogOffset";
    static final String COMMIT_OFFSET = "commitOffset";
    static final String CONSUMER_GROUP = "consumerGroup";
    static final String DEFAULT_TOPIC = "defaultTopic";
    static final String GROUP = "group";
    static final String HA_SERVER_ADDR = "haServerAddr";
    static final String IS_FORCE = "isForce";
    static final String KEY = "key";
    static final String MAX_RECONSUME_TIMES = "maxReconsumeTimes";
    static final String MSG_ID = "msgId";
    static final String NAMESPACE = "namespace";
    static final String OFFSET = "offset";
    static final String PRODUCER_GROUP = "producerGroup";
    static final String QUEUE_ID = "queueId";
    static final String QUEUE_OFFSET = "queueOffset";
    static final String SYS_FLAG = "sysFlag";
    static final String TIMESTAMP = "timestamp";
    static final String TOPIC = "topic";
    static final String TOPIC_SYS_FLAG = "topicSysFlag";
    static final String TRANSACTION_ID = "transactionId";
    static final String TRAN_STATE_TABLE_OFFSET = "tranStateTableOffset";
    static final String UNIT_MODE = "unitMode";

    private ExtFields() {
    }
}
