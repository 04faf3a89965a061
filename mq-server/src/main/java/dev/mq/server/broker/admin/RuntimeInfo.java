package dev.mq.server.broker.admin;

import dev.mq.lifecycle.WorkerPool;
import dev.mq.message.TopicNames;
import dev.mq.message.record.RecordView;
import dev.mq.protocol.RemotingCommand;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.stats.BrokerStats;
import dev.mq.store.MessageStore;
import dev.mq.store.StoredMessages;

import java.io.File;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * GET_BROKER_RUNTIME_INFO: the broker's figures under the key names of Apache RocketMQ's runtime
 * info, which {@code mqadmin brokerStatus}, {@code clusterList} and the dashboard read. Every value
 * is measured; keys of Apache for things this broker does not have (pop acknowledgements, a
 * transient store pool, the timer wheel's own metrics) are left out rather than filled with
 * invented numbers (docs/admin-extensions.md lists them).
 */
final class RuntimeInfo {

    /**
     * The version this broker reports: Apache's MQVersion ordinal of the release whose protocol it
     * speaks, the same the remoting layer stamps into every command.
     */
    static final int BROKER_VERSION = RemotingCommand.CURRENT_VERSION;

    /** The name of {@link #BROKER_VERSION} in Apache's MQVersion. */
    static final String BROKER_VERSION_DESC = "V5_3_3";

    private final BrokerContext broker;
    private final BrokerRuntime runtime;

    RuntimeInfo(BrokerContext broker, BrokerRuntime runtime) {
        this.broker = broker;
        this.runtime = runtime;
    }

    /** The table, sorted by key. */
    Map<String, String> table() {
        Map<String, String> table = new TreeMap<>();
        long now = broker.clock().millis();
        BrokerStats stats = runtime.stats();
        MessageStore store = broker.store();

        table.put("brokerVersion", Integer.toString(BROKER_VERSION));
        table.put("brokerVersionDesc", BROKER_VERSION_DESC);
        table.put("brokerActive", Boolean.toString(runtime.active().getAsBoolean()));
        table.put("bootTimestamp", Long.toString(stats.bootedAt()));
        table.put("runtime", uptime(now - stats.bootedAt()));
        table.put("startAcceptSendRequestTimeStamp", Long.toString(runtime.servingSince().getAsLong()));

        BrokerStats.Rates rates = stats.rates();
        table.put("putTps", tps(rates.put()));
        table.put("getFoundTps", tps(rates.pullsFound()));
        table.put("getMissTps", tps(rates.pullsMissed()));
        table.put("getTotalTps", tps(rates.pullsTotal()));
        table.put("getTransferredTps", tps(rates.transferred()));
        table.put("getTransferedTps", tps(rates.transferred())); // the 4.x spelling, which older tools read

        BrokerStats.DayTotals day = stats.dayTotals();
        table.put("msgPutTotalTodayNow", Long.toString(day.putNow()));
        table.put("msgPutTotalTodayMorning", Long.toString(day.putTodayMorning()));
        table.put("msgPutTotalYesterdayMorning", Long.toString(day.putYesterdayMorning()));
        table.put("msgGetTotalTodayNow", Long.toString(day.gotNow()));
        table.put("msgGetTotalTodayMorning", Long.toString(day.gotTodayMorning()));
        table.put("msgGetTotalYesterdayMorning", Long.toString(day.gotYesterdayMorning()));

        long max = store.commitLogMaxOffset();
        table.put("commitLogMinOffset", Long.toString(store.commitLogMinOffset()));
        table.put("commitLogMaxOffset", Long.toString(max));
        table.put("dispatchBehindBytes", Long.toString(Math.max(0, max - store.dispatchedOffset())));
        table.put("remainHowManyDataToFlush", bytes(Math.max(0, max - store.flushedOffset())));
        // one disk holds the commit log and the consume queues (the data directory)
        table.put("commitLogDiskRatio", Double.toString(store.diskUsedRatio()));
        table.put("consumeQueueDiskRatio", Double.toString(store.diskUsedRatio()));
        File dataDir = store.config().dataDir().toFile();
        if (dataDir.exists()) {
            table.put("commitLogDirCapacity", String.format(Locale.ROOT, "Total : %s, Free : %s.",
                    bytes(dataDir.getTotalSpace()), bytes(dataDir.getFreeSpace())));
        }
        // the commit log has one writer and no lock a send could wait for
        table.put("pageCacheLockTimeMills", "0");
        table.put("earliestMessageTimeStamp", Long.toString(earliestStoreTime(store)));

        pool(table, "send", runtime.sendPool());
        pool(table, "pull", runtime.pullPool());

        long[] delivered = runtime.delayProgress().get();
        for (int level = 1; level <= delivered.length; level++) {
            table.put("scheduleMessageOffset_" + level, delivered[level - 1] + ","
                    + store.maxOffset(TopicNames.SCHEDULE_TOPIC, level - 1));
        }
        return table;
    }

    private static void pool(Map<String, String> table, String name, WorkerPool pool) {
        table.put(name + "ThreadPoolQueueSize", Integer.toString(pool.queueSize()));
        table.put(name + "ThreadPoolQueueCapacity", Integer.toString(pool.capacity()));
        table.put(name + "ThreadPoolQueueHeadWaitTimeMills", Long.toString(pool.headWaitMillis()));
    }

    /** Store time of the oldest record of the commit log, -1 when it is empty. */
    private static long earliestStoreTime(MessageStore store) {
        if (store.commitLogMaxOffset() <= store.commitLogMinOffset()) {
            return -1;
        }
        try (StoredMessages first = store.readAt(store.commitLogMinOffset())) {
            if (first.messages().isEmpty()) {
                return -1;
            }
            var record = first.messages().get(0);
            return new RecordView().wrap(record, record.position()).storeTimestamp();
        }
    }

    /** Rates over 10 s, 60 s and 600 s, separated by spaces, as Apache writes them. */
    static String tps(double[] rates) {
        StringBuilder text = new StringBuilder();
        for (double rate : rates) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(rate);
        }
        return text.toString();
    }

    /** Apache's uptime text: {@code [ 1 days, 2 hours, 3 minutes, 4 seconds ]}. */
    static String uptime(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        return "[ " + seconds / 86_400 + " days, " + seconds % 86_400 / 3_600 + " hours, "
                + seconds % 3_600 / 60 + " minutes, " + seconds % 60 + " seconds ]";
    }

    /** A byte count as Apache writes it (binary units): {@code 512 B}, {@code 1.5 KiB}, {@code 2.0 GiB}. */
    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        int exp = (int) (Math.log(count) / Math.log(1024));
        return String.format(Locale.ROOT, "%.1f %siB", count / Math.pow(1024, exp), "KMGTPE".charAt(exp - 1));
    }
}
