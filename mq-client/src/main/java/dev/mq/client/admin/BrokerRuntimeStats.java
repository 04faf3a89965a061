package dev.mq.client.admin;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A broker's runtime figures (GET_BROKER_RUNTIME_INFO), the ones a console shows parsed into typed
 * fields, and every entry as the broker sent it in {@link #raw()}. A figure the broker does not
 * report (or reports empty, as Apache does for rates right after start) is empty, never 0 or -1.
 *
 * @param version            the broker's version text ({@code brokerVersionDesc}, e.g. {@code V5_5_0})
 * @param putTps             messages stored per second over the last 10 s ({@code putTps}, first figure)
 * @param getTps             messages delivered to consumers per second ({@code getTransferredTps})
 * @param putToday           messages stored today ({@code msgPutTotalTodayNow - msgPutTotalTodayMorning})
 * @param getToday           messages delivered today ({@code msgGetTotalTodayNow - msgGetTotalTodayMorning})
 * @param putYesterday       messages stored yesterday ({@code msgPutTotalTodayMorning - msgPutTotalYesterdayMorning})
 * @param getYesterday       messages delivered yesterday
 * @param diskRatio          used share of the commit log's disk, 0..1 ({@code commitLogDiskRatio})
 * @param commitLogMinOffset first commit-log byte still stored
 * @param commitLogMaxOffset next commit-log byte to be written
 * @param dispatchBehindBytes commit-log bytes not yet indexed for consumers
 * @param bootTime           when the broker started ({@code bootTimestamp})
 * @param raw                every entry as sent (strings)
 */
public record BrokerRuntimeStats(Optional<String> version, OptionalDouble putTps, OptionalDouble getTps,
                                 OptionalLong putToday, OptionalLong getToday, OptionalLong putYesterday,
                                 OptionalLong getYesterday, OptionalDouble diskRatio, OptionalLong commitLogMinOffset,
                                 OptionalLong commitLogMaxOffset, OptionalLong dispatchBehindBytes,
                                 Optional<Instant> bootTime, Map<String, String> raw) {

    /** Makes {@code raw} an unmodifiable copy. */
    public BrokerRuntimeStats {
        raw = Map.copyOf(raw);
    }
}
