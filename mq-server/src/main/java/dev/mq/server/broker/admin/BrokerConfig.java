package dev.mq.server.broker.admin;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.ResponseCode;
import dev.mq.store.FlushMode;
import dev.mq.store.StoreConfig;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The broker's effective settings, for GET_BROKER_CONFIG and UPDATE_BROKER_CONFIG: each under our
 * property name ({@code mq.*}, as the server binds it) and, where Apache RocketMQ has the same
 * setting, also under Apache's name and in Apache's unit ({@code listenPort}, {@code flushDiskType},
 * {@code fileReservedTime} in hours, ...), so that {@code mqadmin getBrokerConfig} and the dashboard
 * show what they expect.
 *
 * <p>No setting can change while the broker runs: each is read once when its part is built. An update
 * that repeats the current value is accepted and changes nothing; any other is refused, naming the
 * setting and the property to set before a restart.
 */
public final class BrokerConfig {

    /**
     * One effective setting.
     *
     * @param property    our property name, such as {@code mq.store.file-reserved-time}, or null for a
     *                    setting this broker fixes (shown under Apache's name only)
     * @param value       its value as that property is written ({@code 72h})
     * @param apacheName  Apache's name of the same setting, or null when Apache has none
     * @param apacheValue the value in Apache's form ({@code 72}), or null with no Apache name
     * @param fromApache  turns a value in Apache's form into ours, for the restart hint
     */
    public record Setting(String property, String value, String apacheName, String apacheValue,
                          UnaryOperator<String> fromApache) {

        /** A setting of ours only. */
        public static Setting ours(String property, String value) {
            return new Setting(property, value, null, null, UnaryOperator.identity());
        }

        /** A setting this broker fixes, which Apache can configure; shown under Apache's name only. */
        public static Setting fixed(String apacheName, String apacheValue) {
            return new Setting(null, null, apacheName, apacheValue, UnaryOperator.identity());
        }

        /** A setting Apache has under another name, with the same value text. */
        public static Setting both(String property, String apacheName, String value) {
            return new Setting(property, value, apacheName, value, UnaryOperator.identity());
        }
    }

    private final Map<String, Setting> byName = new LinkedHashMap<>();
    private final List<Setting> settings;

    /**
     * @param brokerSettings the broker's settings (its {@code mq.server.*} and {@code mq.broker.*} properties)
     * @param store          the store's configuration, listed under {@code mq.store.*}
     */
    public BrokerConfig(List<Setting> brokerSettings, StoreConfig store) {
        List<Setting> all = new ArrayList<>(brokerSettings);
        all.addAll(storeSettings(store));
        this.settings = List.copyOf(all);
        for (Setting setting : settings) {
            if (setting.property() != null) {
                byName.put(setting.property(), setting);
            }
            if (setting.apacheName() != null) {
                byName.put(setting.apacheName(), setting);
            }
        }
    }

    private static List<Setting> storeSettings(StoreConfig store) {
        List<Setting> list = new ArrayList<>();
        String root = store.dataDir().toAbsolutePath().toString();
        list.add(new Setting("mq.store.flush", store.flushMode().name().toLowerCase(java.util.Locale.ROOT),
                "flushDiskType", store.flushMode() == FlushMode.SYNC ? "SYNC_FLUSH" : "ASYNC_FLUSH",
                v -> v.startsWith("SYNC") ? "sync" : "async"));
        list.add(new Setting("mq.store.segment-size", bytes(store.commitLogSegmentSize()),
                "mappedFileSizeCommitLog", Integer.toString(store.commitLogSegmentSize()), v -> v + "B"));
        list.add(new Setting("mq.store.max-message-size", bytes(store.maxMessageSize()),
                "maxMessageSize", Integer.toString(store.maxMessageSize()), v -> v + "B"));
        list.add(millis("mq.store.sync-flush-timeout", "syncFlushTimeout", store.syncFlushTimeout()));
        list.add(new Setting("mq.store.consume-queue-entries-per-file",
                Integer.toString(store.consumeQueueEntriesPerFile()), "mappedFileSizeConsumeQueue",
                Long.toString(store.consumeQueueEntriesPerFile() * 20L), v -> Long.toString(Long.parseLong(v) / 20)));
        list.add(Setting.both("mq.store.index-hash-slots", "maxHashSlotNum", Integer.toString(store.indexHashSlots())));
        list.add(Setting.both("mq.store.index-entries-per-file", "maxIndexNum",
                Integer.toString(store.indexEntriesPerFile())));
        list.add(new Setting("mq.store.file-reserved-time", duration(store.fileReservedTime()), "fileReservedTime",
                number(store.fileReservedTime().toMillis() / 3_600_000.0), v -> v + "h"));
        list.add(new Setting("mq.store.delete-at-hour", Integer.toString(store.deleteAtHour()), "deleteWhen",
                String.format("%02d", store.deleteAtHour()), v -> Integer.toString(Integer.parseInt(v.trim()))));
        list.add(new Setting("mq.store.disk-max-used-ratio", number(store.diskMaxUsedRatio()),
                "diskMaxUsedSpaceRatio", number(store.diskMaxUsedRatio() * 100),
                v -> number(Double.parseDouble(v) / 100)));
        list.add(Setting.both("mq.store.disk-reject-writes-ratio", "diskSpaceWarningLevelRatio",
                number(store.diskRejectWritesRatio())));
        list.add(Setting.ours("mq.store.preallocate-segments", Boolean.toString(store.preallocateSegments())));
        list.add(Setting.ours("mq.store.hot-window", store.hotWindowBytes() + "B"));
        list.add(Setting.both("mq.server.data-dir", "storePathRootDir", root));
        list.add(Setting.fixed("storePathCommitLog", store.dataDir().resolve("commitlog").toAbsolutePath().toString()));
        // settings of the engine the server does not bind (fixed at their defaults), under Apache's names
        list.add(Setting.fixed("flushIntervalCommitLog", Long.toString(store.flushInterval().toMillis())));
        list.add(Setting.fixed("flushCommitLogLeastPages", Integer.toString(store.flushMinPages())));
        list.add(Setting.fixed("flushCommitLogThoroughInterval", Long.toString(store.flushThoroughInterval().toMillis())));
        list.add(Setting.fixed("flushIntervalConsumeQueue", Long.toString(store.consumeQueueFlushInterval().toMillis())));
        list.add(Setting.fixed("cleanResourceInterval", Long.toString(store.retentionCheckInterval().toMillis())));
        return list;
    }

    /** A duration Apache keeps in milliseconds. */
    public static Setting millis(String property, String apacheName, Duration value) {
        return new Setting(property, duration(value), apacheName, Long.toString(value.toMillis()), v -> v + "ms");
    }

    /** A duration as the server binds it: the largest of d, h, m, s, ms that divides it. */
    public static String duration(Duration value) {
        long millis = value.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis != 0 && millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }

    /** Delay levels in Apache's form: durations separated by spaces ({@code 1s 5s 10s ... 2h}). */
    public static String delayLevels(List<Duration> levels) {
        return levels.stream().map(BrokerConfig::duration).collect(Collectors.joining(" "));
    }

    /** A size in bytes as the server binds it. */
    private static String bytes(long size) {
        return size + "B";
    }

    /** A number without a needless ".0". */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** Every setting under every name it has, sorted by name: the body of GET_BROKER_CONFIG. */
    public Map<String, String> all() {
        Map<String, String> table = new TreeMap<>();
        for (Setting setting : settings) {
            if (setting.property() != null) {
                table.put(setting.property(), setting.value());
            }
            if (setting.apacheName() != null) {
                table.put(setting.apacheName(), setting.apacheValue());
            }
        }
        return table;
    }

    /** GET_BROKER_CONFIG: {@code name=value} lines, as Apache's tools read them with {@link Properties#load}. */
    byte[] body() {
        StringBuilder text = new StringBuilder();
        all().forEach((name, value) -> text.append(name).append('=').append(escape(value)).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Escapes what {@link Properties#load} would otherwise read as an escape or a line end. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** UPDATE_BROKER_CONFIG: a properties body of settings to change. */
    RemotingCommand update(RemotingCommand request) {
        Properties requested = new Properties();
        try {
            requested.load(new StringReader(new String(request.body() == null ? new byte[0] : request.body(),
                    StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "the broker config body is not a properties text: " + e.getMessage());
        }
        List<String> unknown = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String name : new TreeMap<>(requested).keySet().stream().map(String::valueOf).toList()) {
            String value = requested.getProperty(name).trim();
            Setting setting = byName.get(name);
            if (setting == null) {
                unknown.add(name);
                continue;
            }
            boolean apacheForm = name.equals(setting.apacheName());
            String current = apacheForm ? setting.apacheValue() : setting.value();
            if (value.equals(current)) {
                continue; // the value it already has: nothing to change
            }
            if (setting.property() == null) {
                refused.add(name + " cannot change: this broker fixes it at " + current);
                continue;
            }
            String ours = value;
            if (apacheForm) {
                try {
                    ours = setting.fromApache().apply(value);
                } catch (RuntimeException e) {
                    ours = "<" + value + " in our unit>";
                }
            }
            refused.add(name + " cannot change while the broker runs (it is " + current + "); set "
                    + setting.property() + "=" + ours + " and restart the broker");
        }
        if (!unknown.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER,
                    "unknown broker setting" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                            + "; GET_BROKER_CONFIG lists the settings");
        }
        if (!refused.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.NO_PERMISSION, String.join("; ", refused));
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }
}
