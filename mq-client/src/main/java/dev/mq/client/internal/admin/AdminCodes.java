package dev.mq.client.internal.admin;

import dev.mq.client.internal.Codes;
import dev.mq.protocol.RequestCode;

import java.util.Map;

/**
 * Apache request codes the admin API sends that {@link RequestCode} does not list (our server does
 * not answer them yet; Apache 5.x does), and names of every code for messages.
 */
final class AdminCodes {

    /** Name server: the topics named after clusters and brokers (Apache's "system topics"). */
    static final int GET_SYSTEM_TOPIC_LIST_FROM_NS = 304;
    /** Broker: per queue store-time span and the consumer group's delay. */
    static final int QUERY_CONSUME_TIME_SPAN = 303;
    /** Broker: a statistic over the last minute, hour and day. */
    static final int VIEW_BROKER_STATS_DATA = 315;
    /** Broker: the topics a group has offsets for. */
    static final int QUERY_TOPICS_BY_CONSUMER = 343;
    /** Broker: the topics it keeps for itself. */
    static final int GET_SYSTEM_TOPIC_LIST_FROM_BROKER = 305;
    /** Broker: the consume stats of every group it knows, in one answer. */
    static final int GET_BROKER_CONSUME_STATS = 317;

    private static final Map<Integer, String> EXTRA = Map.of(
            GET_SYSTEM_TOPIC_LIST_FROM_NS, "GET_SYSTEM_TOPIC_LIST_FROM_NS",
            QUERY_CONSUME_TIME_SPAN, "QUERY_CONSUME_TIME_SPAN",
            VIEW_BROKER_STATS_DATA, "VIEW_BROKER_STATS_DATA",
            QUERY_TOPICS_BY_CONSUMER, "QUERY_TOPICS_BY_CONSUMER",
            GET_SYSTEM_TOPIC_LIST_FROM_BROKER, "GET_SYSTEM_TOPIC_LIST_FROM_BROKER",
            GET_BROKER_CONSUME_STATS, "GET_BROKER_CONSUME_STATS");

    private AdminCodes() {
    }

    /** The request's name, e.g. "GET_CONSUME_STATS", or the number when unknown. */
    static String name(int code) {
        String extra = EXTRA.get(code);
        if (extra != null) {
            return extra;
        }
        String named = Codes.request(code); // "208 GET_CONSUME_STATS"
        int space = named.indexOf(' ');
        return space < 0 ? named : named.substring(space + 1);
    }
}
