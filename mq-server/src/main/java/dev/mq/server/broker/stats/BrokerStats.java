package dev.mq.server.broker.stats;

import dev.mq.message.TopicNames;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The broker's message statistics, under Apache RocketMQ's names so that {@code mqadmin} and the
 * dashboard read them ({@code VIEW_BROKER_STATS_DATA}, runtime info):
 * <ul>
 *   <li>{@value #TOPIC_PUT_NUMS} per topic: messages stored by sends;</li>
 *   <li>{@value #GROUP_GET_NUMS} and {@value #GROUP_GET_SIZE} per {@code topic@group}: messages and
 *       bytes delivered by pulls;</li>
 *   <li>{@value #BROKER_PUT_NUMS} and {@value #BROKER_GET_NUMS}, keyed by the cluster name: the same
 *       for the whole broker;</li>
 * </ul>
 * each over the last minute, hour and day ({@link WindowedCounter}); the broker-wide rates over 10 s,
 * 1 min and 10 min; and the totals at the last two midnights ({@link DailyTotals}).
 *
 * <p>Counting is lock-free and allocates only the first time a topic or group is seen; {@link #sample()}
 * runs every second on the broker's stats thread and is the only place that takes samples. Time comes
 * from the injected clock.
 */
public final class BrokerStats {

    public static final String TOPIC_PUT_NUMS = "TOPIC_PUT_NUMS";
    public static final String GROUP_GET_NUMS = "GROUP_GET_NUMS";
    public static final String GROUP_GET_SIZE = "GROUP_GET_SIZE";
    public static final String BROKER_PUT_NUMS = "BROKER_PUT_NUMS";
    public static final String BROKER_GET_NUMS = "BROKER_GET_NUMS";

    /** The figures of one topic. */
    private static final class TopicFigures {
        final WindowedCounter put;
        final LongAdder out = new LongAdder();
        final boolean system;

        TopicFigures(String topic, long now) {
            this.put = new WindowedCounter(now);
            this.system = TopicNames.isSystem(topic);
        }
    }

    /** The figures of one group on one topic. */
    private static final class GroupFigures {
        final WindowedCounter messages;
        final WindowedCounter bytes;

        GroupFigures(long now) {
            this.messages = new WindowedCounter(now);
            this.bytes = new WindowedCounter(now);
        }
    }

    /** One counter's windows, as VIEW_BROKER_STATS_DATA answers them. */
    public record Windows(Window minute, Window hour, Window day) {
    }

    /** The broker-wide rates of the runtime info: each over the last 10 s, 60 s and 600 s. */
    public record Rates(double[] put, double[] transferred, double[] pullsFound, double[] pullsMissed,
                        double[] pullsTotal) {
    }

    /** Messages put and got (system topics left out): now, at the last midnight and at the one before. */
    public record DayTotals(long putNow, long putTodayMorning, long putYesterdayMorning,
                            long gotNow, long gotTodayMorning, long gotYesterdayMorning) {
    }

    private final Clock clock;
    private final String cluster;
    private final long bootedAt;
    private final Map<String, TopicFigures> topics = new ConcurrentHashMap<>();
    private final Map<String, Map<String, GroupFigures>> groups = new ConcurrentHashMap<>();
    private final WindowedCounter brokerPut;
    private final WindowedCounter brokerGet;
    private final LongAdder putWithoutSystem = new LongAdder();
    private final LongAdder gotWithoutSystem = new LongAdder();
    private final LongAdder pullsFound = new LongAdder();
    private final LongAdder pullsMissed = new LongAdder();
    private final BrokerRates rates;
    private final DailyTotals daily;
    private final long[] nextSample = new long[Span.values().length];
    private final CopyOnWriteArrayList<Consumer<String>> newTopicListeners = new CopyOnWriteArrayList<>();

    /**
     * @param cluster the cluster name, the key of the broker-wide statistics
     * @param clock   the time of every sample and window; its zone decides when a day begins
     */
    public BrokerStats(String cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
        this.bootedAt = clock.millis();
        this.brokerPut = new WindowedCounter(bootedAt);
        this.brokerGet = new WindowedCounter(bootedAt);
        this.rates = new BrokerRates(bootedAt);
        this.daily = new DailyTotals(clock.getZone(), bootedAt);
        for (Span span : Span.values()) {
            nextSample[span.ordinal()] = bootedAt + span.sampleEveryMillis();
        }
    }

    // ---------------------------------------------------------------- counting (hot paths)

    /** A send stored {@code messages} messages in {@code topic}. */
    void recordPut(String topic, int messages) {
        TopicFigures figures = topic(topic);
        figures.put.add(messages);
        brokerPut.add(messages);
        if (!figures.system) {
            putWithoutSystem.add(messages);
        }
    }

    /**
     * A pull of {@code group} delivered {@code messages} messages of {@code topic} in {@code bytes}
     * bytes ({@code group} null: counted for the topic and the broker only).
     */
    void recordGet(String group, String topic, int messages, int bytes) {
        TopicFigures figures = topic(topic);
        figures.out.add(messages);
        if (group != null) {
            GroupFigures byGroup = group(group, topic);
            byGroup.messages.add(messages);
            byGroup.bytes.add(bytes);
        }
        brokerGet.add(messages);
        pullsFound.increment();
        if (!figures.system) {
            gotWithoutSystem.add(messages);
        }
    }

    /** A pull found no message (none new, none matching, or an offset out of range). */
    void recordPullMiss() {
        pullsMissed.increment();
    }

    private TopicFigures topic(String topic) {
        TopicFigures figures = topics.get(topic);
        if (figures != null) {
            return figures;
        }
        boolean[] created = new boolean[1];
        figures = topics.computeIfAbsent(topic, t -> {
            created[0] = true;
            return new TopicFigures(t, clock.millis());
        });
        if (created[0]) {
            newTopicListeners.forEach(listener -> listener.accept(topic));
        }
        return figures;
    }

    private GroupFigures group(String group, String topic) {
        Map<String, GroupFigures> byTopic = groups.get(group);
        if (byTopic == null) {
            byTopic = groups.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
        }
        GroupFigures figures = byTopic.get(topic);
        return figures != null ? figures : byTopic.computeIfAbsent(topic, t -> new GroupFigures(clock.millis()));
    }

    // ---------------------------------------------------------------- sampling (the stats thread)

    /** Takes the samples that are due; run every second. */
    public void sample() {
        long now = clock.millis();
        rates.sample(now, liveRateTotals());
        daily.update(now, new DailyTotals.Snapshot(putWithoutSystem.sum(), gotWithoutSystem.sum()));
        boolean[] due = new boolean[nextSample.length];
        boolean any = false;
        for (Span span : Span.values()) {
            int i = span.ordinal();
            if (now >= nextSample[i]) {
                due[i] = true;
                any = true;
                nextSample[i] = now + span.sampleEveryMillis();
            }
        }
        if (!any) {
            return;
        }
        brokerPut.sample(now, due);
        brokerGet.sample(now, due);
        for (TopicFigures figures : topics.values()) {
            figures.put.sample(now, due);
        }
        for (Map<String, GroupFigures> byTopic : groups.values()) {
            for (GroupFigures figures : byTopic.values()) {
                figures.messages.sample(now, due);
                figures.bytes.sample(now, due);
            }
        }
    }

    private long[] liveRateTotals() {
        long[] totals = new long[BrokerRates.Total.values().length];
        totals[BrokerRates.Total.PUT.ordinal()] = brokerPut.total();
        totals[BrokerRates.Total.TRANSFERRED.ordinal()] = brokerGet.total();
        totals[BrokerRates.Total.PULLS_FOUND.ordinal()] = pullsFound.sum();
        totals[BrokerRates.Total.PULLS_MISSED.ordinal()] = pullsMissed.sum();
        return totals;
    }

    // ---------------------------------------------------------------- reading

    /**
     * One statistic as VIEW_BROKER_STATS_DATA names it, or empty when it does not exist (an unknown
     * name, or a key that was never counted).
     */
    public Optional<Windows> view(String statsName, String statsKey) {
        WindowedCounter counter = switch (statsName) {
            case TOPIC_PUT_NUMS -> {
                TopicFigures figures = topics.get(statsKey);
                yield figures == null ? null : figures.put;
            }
            case GROUP_GET_NUMS, GROUP_GET_SIZE -> {
                GroupFigures figures = groupFigures(statsKey);
                yield figures == null ? null : statsName.equals(GROUP_GET_NUMS) ? figures.messages : figures.bytes;
            }
            case BROKER_PUT_NUMS -> cluster.equals(statsKey) ? brokerPut : null;
            case BROKER_GET_NUMS -> cluster.equals(statsKey) ? brokerGet : null;
            default -> null;
        };
        if (counter == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        return Optional.of(new Windows(counter.window(Span.MINUTE, now), counter.window(Span.HOUR, now),
                counter.window(Span.DAY, now)));
    }

    /** {@code topic@group}: topic names cannot contain '@', so the first one separates them. */
    private GroupFigures groupFigures(String topicAtGroup) {
        int at = topicAtGroup.indexOf('@');
        if (at < 0) {
            return null;
        }
        Map<String, GroupFigures> byTopic = groups.get(topicAtGroup.substring(at + 1));
        return byTopic == null ? null : byTopic.get(topicAtGroup.substring(0, at));
    }

    /** Messages per second stored in {@code topic} over the last minute. */
    public double topicPutTps(String topic) {
        TopicFigures figures = topics.get(topic);
        return figures == null ? 0.0 : figures.put.window(Span.MINUTE, clock.millis()).tps();
    }

    /** Messages per second delivered to {@code group} from {@code topic} over the last minute. */
    public double groupGetTps(String group, String topic) {
        Map<String, GroupFigures> byTopic = groups.get(group);
        GroupFigures figures = byTopic == null ? null : byTopic.get(topic);
        return figures == null ? 0.0 : figures.messages.window(Span.MINUTE, clock.millis()).tps();
    }

    /** The broker-wide rates over the last 10 s, 60 s and 600 s. */
    public Rates rates() {
        long now = clock.millis();
        long[] live = liveRateTotals();
        return new Rates(rates.perSecond(now, live, BrokerRates.Total.PUT),
                rates.perSecond(now, live, BrokerRates.Total.TRANSFERRED),
                rates.perSecond(now, live, BrokerRates.Total.PULLS_FOUND),
                rates.perSecond(now, live, BrokerRates.Total.PULLS_MISSED),
                rates.perSecond(now, live, BrokerRates.Total.PULLS_FOUND, BrokerRates.Total.PULLS_MISSED));
    }

    /** Messages put and got, system topics left out, now and at the last two midnights. */
    public DayTotals dayTotals() {
        DailyTotals.Snapshot today = daily.todayMorning();
        DailyTotals.Snapshot yesterday = daily.yesterdayMorning();
        return new DayTotals(putWithoutSystem.sum(), today.put(), yesterday.put(),
                gotWithoutSystem.sum(), today.got(), yesterday.got());
    }

    /** When counting began (the broker's start), epoch millis. */
    public long bootedAt() {
        return bootedAt;
    }

    /** Called once per topic, when it is first counted (and for topics already counted, at once). */
    public void onNewTopic(Consumer<String> listener) {
        newTopicListeners.add(listener);
        new java.util.TreeSet<>(topics.keySet()).forEach(listener);
    }

    /** Messages stored in {@code topic} by sends since the broker started. */
    public long messagesIn(String topic) {
        TopicFigures figures = topics.get(topic);
        return figures == null ? 0 : figures.put.total();
    }

    /** Messages of {@code topic} delivered by pulls since the broker started. */
    public long messagesOut(String topic) {
        TopicFigures figures = topics.get(topic);
        return figures == null ? 0 : figures.out.sum();
    }
}
