package dev.mq.server.broker.send;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;

/**
 * The fields of a send request. SEND_MESSAGE carries them under their long names; SEND_MESSAGE_V2
 * and SEND_BATCH_MESSAGE under one-letter names (a..n).
 */
public record SendHeader(String producerGroup, String topic, String defaultTopic, int defaultTopicQueueNums, int queueId,
                  int sysFlag, long bornTimestamp, int flag, String properties, int reconsumeTimes,
                  Integer maxReconsumeTimes, boolean batch) {

    /** The topic of a send request without decoding the rest of its header, or null if it has none. */
    public static String topicOf(RemotingCommand request) {
        return request.ext(request.code() == RequestCode.SEND_MESSAGE ? "topic" : "b");
    }

    static SendHeader of(RemotingCommand request) {
        if (request.code() == RequestCode.SEND_MESSAGE) {
            return new SendHeader(request.requireExt("producerGroup"), request.requireExt("topic"),
                    request.ext("defaultTopic"), intOr(request.extInt("defaultTopicQueueNums"), 4),
                    request.requireExtInt("queueId"), intOr(request.extInt("sysFlag"), 0),
                    longOr(request.extLong("bornTimestamp"), 0L), intOr(request.extInt("flag"), 0),
                    request.ext("properties"), intOr(request.extInt("reconsumeTimes"), 0),
                    request.extInt("maxReconsumeTimes"), Boolean.TRUE.equals(request.extBoolean("batch")));
        }
        return new SendHeader(request.requireExt("a"), request.requireExt("b"), request.ext("c"),
                intOr(request.extInt("d"), 4), request.requireExtInt("e"), intOr(request.extInt("f"), 0),
                longOr(request.extLong("g"), 0L), intOr(request.extInt("h"), 0), request.ext("i"),
                intOr(request.extInt("j"), 0), request.extInt("l"),
                request.code() == RequestCode.SEND_BATCH_MESSAGE || Boolean.TRUE.equals(request.extBoolean("m")));
    }

    private static int intOr(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static long longOr(Long value, long fallback) {
        return value == null ? fallback : value;
    }
}
