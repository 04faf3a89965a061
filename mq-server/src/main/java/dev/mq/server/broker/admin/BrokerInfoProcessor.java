package dev.mq.server.broker.admin;

import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.header.ViewBrokerStatsDataHeader;
import dev.mq.server.broker.state.BrokerContext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * What the broker says about itself: GET_BROKER_RUNTIME_INFO ({@link RuntimeInfo}),
 * GET_BROKER_CONFIG and UPDATE_BROKER_CONFIG ({@link BrokerConfig}), VIEW_BROKER_STATS_DATA (the
 * minute, hour and day figures of one statistic) and GET_ALL_DELAY_OFFSET (how far each delay level
 * is delivered).
 */
public final class BrokerInfoProcessor implements RequestProcessor {

    private final BrokerRuntime runtime;
    private final RuntimeInfo runtimeInfo;

    public BrokerInfoProcessor(BrokerContext broker, BrokerRuntime runtime) {
        this.runtime = runtime;
        this.runtimeInfo = new RuntimeInfo(broker, runtime);
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        RemotingCommand response = switch (request.code()) {
            case RequestCode.GET_BROKER_RUNTIME_INFO ->
                    withBody(request, RemotingJson.encode(Map.of("table", runtimeInfo.table())));
            case RequestCode.GET_BROKER_CONFIG -> withBody(request, runtime.config().body());
            case RequestCode.UPDATE_BROKER_CONFIG -> runtime.config().update(request);
            case RequestCode.VIEW_BROKER_STATS_DATA -> {
                ViewBrokerStatsDataHeader header = ViewBrokerStatsDataHeader.read(request);
                yield runtime.stats().view(header.statsName(), header.statsKey())
                        .map(windows -> withBody(request, AdminStats.brokerStatsData(windows)))
                        .orElseGet(() -> RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                                String.format("The stats <%s> <%s> not exist", header.statsName(), header.statsKey())));
            }
            case RequestCode.GET_ALL_DELAY_OFFSET -> withBody(request, delayOffsets());
            default -> throw new IllegalArgumentException("not a broker info request: " + request.code());
        };
        return CompletableFuture.completedFuture(response);
    }

    /** Apache's DelayOffsetSerializeWrapper: the next queue offset to deliver, by delay level. */
    private byte[] delayOffsets() {
        long[] progress = runtime.delayProgress().get();
        Map<String, Long> table = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        for (int level = 1; level <= progress.length; level++) {
            table.put(Integer.toString(level), progress[level - 1]);
        }
        return ("{\"offsetTable\":" + new String(RemotingJson.encode(table), StandardCharsets.UTF_8) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static RemotingCommand withBody(RemotingCommand request, byte[] body) {
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(body);
        return response;
    }

    public static List<Integer> codes() {
        return List.of(RequestCode.GET_BROKER_RUNTIME_INFO, RequestCode.GET_BROKER_CONFIG,
                RequestCode.UPDATE_BROKER_CONFIG, RequestCode.VIEW_BROKER_STATS_DATA, RequestCode.GET_ALL_DELAY_OFFSET);
    }
}
