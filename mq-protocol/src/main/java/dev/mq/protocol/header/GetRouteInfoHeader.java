package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of GET_ROUTEINFO_BY_TOPIC (105, client to name server): the route of a topic
 * ({@code remoting-protocol.md} section 3.1). The answer is a TopicRouteData body, or
 * TOPIC_NOT_EXIST (17).
 *
 * @param topic                  {@code topic}, R: the topic
 * @param acceptStandardJsonOnly {@code acceptStandardJsonOnly}, o (5.x): the client wants quoted map keys,
 *                               or null; our name server always sends standard JSON
 */
public record GetRouteInfoHeader(String topic, Boolean acceptStandardJsonOnly) implements CommandHeader {

    private static final String ACCEPT_STANDARD_JSON_ONLY = "acceptStandardJsonOnly";

    /** Reads the header of a GET_ROUTEINFO_BY_TOPIC request. */
    public static GetRouteInfoHeader read(RemotingCommand request) {
        return new GetRouteInfoHeader(request.requireExt(TOPIC), request.extBoolean(ACCEPT_STANDARD_JSON_ONLY));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic).putExt(ACCEPT_STANDARD_JSON_ONLY, acceptStandardJsonOnly);
    }
}
