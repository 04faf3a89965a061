package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CodesTest {

    @Test
    void requestCodesHaveApacheValues() {
        Map<String, Integer> expected = Map.ofEntries(
                Map.entry("SEND_MESSAGE", 10), Map.entry("PULL_MESSAGE", 11), Map.entry("QUERY_MESSAGE", 12),
                Map.entry("QUERY_CONSUMER_OFFSET", 14), Map.entry("UPDATE_CONSUMER_OFFSET", 15),
                Map.entry("UPDATE_AND_CREATE_TOPIC", 17), Map.entry("GET_ALL_TOPIC_CONFIG", 21),
                Map.entry("GET_BROKER_RUNTIME_INFO", 28), Map.entry("SEARCH_OFFSET_BY_TIMESTAMP", 29),
                Map.entry("GET_MAX_OFFSET", 30), Map.entry("GET_MIN_OFFSET", 31),
                Map.entry("GET_EARLIEST_MSG_STORETIME", 32), Map.entry("VIEW_MESSAGE_BY_ID", 33),
                Map.entry("HEART_BEAT", 34), Map.entry("UNREGISTER_CLIENT", 35),
                Map.entry("CONSUMER_SEND_MSG_BACK", 36), Map.entry("END_TRANSACTION", 37),
                Map.entry("GET_CONSUMER_LIST_BY_GROUP", 38), Map.entry("CHECK_TRANSACTION_STATE", 39),
                Map.entry("NOTIFY_CONSUMER_IDS_CHANGED", 40), Map.entry("LOCK_BATCH_MQ", 41),
                Map.entry("UNLOCK_BATCH_MQ", 42), Map.entry("CHECK_CLIENT_CONFIG", 46),
                Map.entry("GET_KV_CONFIG", 101), Map.entry("REGISTER_BROKER", 103),
                Map.entry("UNREGISTER_BROKER", 104), Map.entry("GET_ROUTEINFO_BY_TOPIC", 105),
                Map.entry("GET_BROKER_CLUSTER_INFO", 106), Map.entry("UPDATE_AND_CREATE_SUBSCRIPTIONGROUP", 200),
                Map.entry("GET_ALL_SUBSCRIPTIONGROUP_CONFIG", 201), Map.entry("GET_TOPIC_STATS_INFO", 202),
                Map.entry("GET_CONSUMER_CONNECTION_LIST", 203), Map.entry("GET_ALL_TOPIC_LIST_FROM_NAMESERVER", 206),
                Map.entry("DELETE_SUBSCRIPTIONGROUP", 207), Map.entry("GET_CONSUME_STATS", 208),
                Map.entry("DELETE_TOPIC_IN_BROKER", 215), Map.entry("DELETE_TOPIC_IN_NAMESRV", 216),
                Map.entry("RESET_CONSUMER_CLIENT_OFFSET", 220), Map.entry("GET_CONSUMER_STATUS_FROM_CLIENT", 221),
                Map.entry("INVOKE_BROKER_TO_RESET_OFFSET", 222),
                Map.entry("QUERY_TOPIC_CONSUME_BY_WHO", 300), Map.entry("GET_CONSUMER_RUNNING_INFO", 307),
                Map.entry("CONSUME_MESSAGE_DIRECTLY", 309), Map.entry("SEND_MESSAGE_V2", 310),
                Map.entry("SEND_BATCH_MESSAGE", 320), Map.entry("SEND_REPLY_MESSAGE", 324),
                Map.entry("SEND_REPLY_MESSAGE_V2", 325), Map.entry("PUSH_REPLY_MESSAGE_TO_CLIENT", 326),
                Map.entry("LITE_PULL_MESSAGE", 361), Map.entry("QUERY_ASSIGNMENT", 400),
                Map.entry("SET_MESSAGE_REQUEST_MODE", 401), Map.entry("BROKER_HEARTBEAT", 904),
                Map.entry("POP_MESSAGE", 200050), Map.entry("ACK_MESSAGE", 200051),
                Map.entry("CHANGE_MESSAGE_INVISIBLETIME", 200053),
                Map.entry("UPDATE_BROKER_CONFIG", 25), Map.entry("GET_BROKER_CONFIG", 26),
                Map.entry("GET_ALL_DELAY_OFFSET", 45), Map.entry("GET_PRODUCER_CONNECTION_LIST", 204),
                Map.entry("GET_KVLIST_BY_NAMESPACE", 219), Map.entry("GET_TOPICS_BY_CLUSTER", 224),
                Map.entry("QUERY_CONSUME_TIME_SPAN", 303), Map.entry("GET_SYSTEM_TOPIC_LIST_FROM_NS", 304),
                Map.entry("GET_SYSTEM_TOPIC_LIST_FROM_BROKER", 305), Map.entry("VIEW_BROKER_STATS_DATA", 315),
                Map.entry("GET_BROKER_CONSUME_STATS", 317), Map.entry("QUERY_CONSUME_QUEUE", 321),
                Map.entry("QUERY_TOPICS_BY_CONSUMER", 343));

        assertThat(constants(RequestCode.class)).containsAllEntriesOf(expected);
    }

    @Test
    void responseCodesHaveApacheValues() {
        Map<String, Integer> expected = Map.ofEntries(
                Map.entry("SUCCESS", 0), Map.entry("SYSTEM_ERROR", 1), Map.entry("SYSTEM_BUSY", 2),
                Map.entry("REQUEST_CODE_NOT_SUPPORTED", 3), Map.entry("TRANSACTION_FAILED", 4),
                Map.entry("FLUSH_DISK_TIMEOUT", 10), Map.entry("SLAVE_NOT_AVAILABLE", 11),
                Map.entry("FLUSH_SLAVE_TIMEOUT", 12), Map.entry("MESSAGE_ILLEGAL", 13),
                Map.entry("SERVICE_NOT_AVAILABLE", 14), Map.entry("VERSION_NOT_SUPPORTED", 15),
                Map.entry("NO_PERMISSION", 16), Map.entry("TOPIC_NOT_EXIST", 17), Map.entry("TOPIC_EXIST_ALREADY", 18),
                Map.entry("PULL_NOT_FOUND", 19), Map.entry("PULL_RETRY_IMMEDIATELY", 20),
                Map.entry("PULL_OFFSET_MOVED", 21), Map.entry("QUERY_NOT_FOUND", 22),
                Map.entry("SUBSCRIPTION_PARSE_FAILED", 23), Map.entry("SUBSCRIPTION_NOT_EXIST", 24),
                Map.entry("SUBSCRIPTION_NOT_LATEST", 25), Map.entry("SUBSCRIPTION_GROUP_NOT_EXIST", 26),
                Map.entry("FILTER_DATA_NOT_EXIST", 27), Map.entry("FILTER_DATA_NOT_LATEST", 28),
                Map.entry("INVALID_PARAMETER", 29), Map.entry("TRANSACTION_SHOULD_COMMIT", 200),
                Map.entry("TRANSACTION_SHOULD_ROLLBACK", 201), Map.entry("TRANSACTION_STATE_UNKNOW", 202),
                Map.entry("TRANSACTION_STATE_GROUP_WRONG", 203), Map.entry("NO_BUYER_ID", 204),
                Map.entry("NOT_IN_CURRENT_UNIT", 205), Map.entry("CONSUMER_NOT_ONLINE", 206),
                Map.entry("CONSUME_MSG_TIMEOUT", 207), Map.entry("NO_MESSAGE", 208), Map.entry("POLLING_FULL", 209),
                Map.entry("POLLING_TIMEOUT", 210), Map.entry("FLOW_CONTROL", 215),
                Map.entry("NOT_LEADER_FOR_QUEUE", 501), Map.entry("ILLEGAL_OPERATION", 604),
                Map.entry("GO_AWAY", 1500));

        assertThat(constants(ResponseCode.class)).containsAllEntriesOf(expected);
    }

    @Test
    void extensionCodesStayInTheirReservedBlock() {
        // dev.mq's own requests use 10000-10999; Apache's codes stop at 3010 below 200050
        assertThat(RequestCode.LIST_DEAD_LETTERS).isEqualTo(10001);
        assertThat(RequestCode.RESEND_DEAD_LETTERS).isEqualTo(10002);
        assertThat(constants(RequestCode.class)).allSatisfy((name, code) -> {
            if (name.contains("DEAD_LETTERS")) {
                assertThat(code).as(name).isBetween(10000, 10999);
            } else {
                assertThat(code < 10000 || code > 10999).as(name + " (an Apache code) outside 10000-10999").isTrue();
            }
        });
    }

    @Test
    void codesAreUnique() {
        assertThat(constants(RequestCode.class).values()).doesNotHaveDuplicates();
        assertThat(constants(ResponseCode.class).values()).doesNotHaveDuplicates();
    }

    private static Map<String, Integer> constants(Class<?> type) {
        Map<String, Integer> constants = new HashMap<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                try {
                    constants.put(field.getName(), field.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return constants;
    }
}
