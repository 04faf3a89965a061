package dev.mq.test;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicRouteData;
import dev.mq.protocol.header.GetRouteInfoHeader;

/** Asks a name server for a topic's route, as a client would. */
final class Routes {

    private Routes() {
    }

    /** The route of {@code topic}, or null when the name server has none. */
    static TopicRouteData of(String namesrv, String topic) {
        try (RemotingClient client = new RemotingClient(RemotingClientConfig.defaults())) {
            RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC);
            new GetRouteInfoHeader(topic, null).writeTo(request);
            RemotingCommand response = client.invokeSync(namesrv, request, 3000);
            return response.code() == ResponseCode.SUCCESS ? RemotingJson.decode(response.body(), TopicRouteData.class)
                    : null;
        }
    }
}
