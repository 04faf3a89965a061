package dev.mq.console.sampling;

import dev.mq.client.admin.ConsumerGroupListing;
import dev.mq.client.admin.ConsumerGroupSummary;
import dev.mq.client.admin.MqAdmin;
import dev.mq.client.admin.TopicListing;
import dev.mq.client.admin.TopicSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one background sampler behind the charts: every {@code mq.console.topics-groups.sample-interval}
 * it reads every group's backlog (one group listing) and every topic's stored messages (one topic
 * listing) and adds them to two bounded in-memory histories covering the last
 * {@code mq.console.topics-groups.history} (24 h by default). Time comes from the injected clock. A
 * backlog that is a lower bound or unknown is kept as unknown, never as a number. Runs on its own
 * single thread, started and stopped with the application.
 */
@Component
public class BacklogSampler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BacklogSampler.class);

    private final MqAdmin admin;
    private final Clock clock;
    private final TopicsGroupsProperties properties;
    private final SampleHistory backlogs;
    private final SampleHistory storedMessages;
    private volatile ScheduledExecutorService thread;
    private volatile SampleRun lastRun;

    public BacklogSampler(MqAdmin admin, Clock clock, TopicsGroupsProperties properties) {
        this.admin = admin;
        this.clock = clock;
        this.properties = properties;
        this.backlogs = new SampleHistory(properties.samplesKept(), properties.getMaxSeries());
        this.storedMessages = new SampleHistory(properties.samplesKept(), properties.getMaxSeries());
    }

    /**
     * Takes one sample of every group and topic now, waiting for the brokers' answers.
     *
     * @return what was sampled and what could not be
     */
    public SampleRun sampleOnce() {
        Instant at = clock.instant();
        CompletableFuture<ConsumerGroupListing> groups = admin.consumerGroupsAsync();
        CompletableFuture<TopicListing> topics = admin.topicsAsync();
        int groupCount = 0;
        int topicCount = 0;
        String problem = null;
        try {
            ConsumerGroupListing listing = groups.join();
            for (ConsumerGroupSummary group : listing.groups()) {
                Long exact = group.totalLag().exact().isPresent() ? group.totalLag().exact().getAsLong() : null;
                backlogs.add(group.group(), at, exact);
                groupCount++;
            }
        } catch (RuntimeException e) {
            problem = "group listing: " + MqAdmin.failureOf(e).getMessage();
            log.warn("backlog sample at {} failed: {}", at, problem);
        }
        try {
            TopicListing listing = topics.join();
            for (TopicSummary topic : listing.topics()) {
                storedMessages.add(topic.name(), at,
                        topic.totalMessages().isPresent() ? topic.totalMessages().getAsLong() : null);
                topicCount++;
            }
        } catch (RuntimeException e) {
            String topicProblem = "topic listing: " + MqAdmin.failureOf(e).getMessage();
            problem = problem == null ? topicProblem : problem + "; " + topicProblem;
            log.warn("message count sample at {} failed: {}", at, topicProblem);
        }
        Instant oldest = at.minus(properties.getHistory());
        backlogs.dropOlderThan(oldest);
        storedMessages.dropOlderThan(oldest);
        SampleRun run = new SampleRun(at, groupCount, topicCount, problem);
        lastRun = run;
        return run;
    }

    /** A group's backlog samples over the kept history, oldest first. */
    public List<SampleSeries.Sample> backlogOf(String group) {
        return backlogs.since(group, clock.instant().minus(properties.getHistory()));
    }

    /** A topic's stored-message samples over the kept history, oldest first. */
    public List<SampleSeries.Sample> storedMessagesOf(String topic) {
        return storedMessages.since(topic, clock.instant().minus(properties.getHistory()));
    }

    /** The last sampling, or null before the first. */
    public SampleRun lastRun() {
        return lastRun;
    }

    /** How often samples are taken. */
    public Duration interval() {
        return properties.getSampleInterval();
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "mq-console-sampler");
            t.setDaemon(true);
            return t;
        });
        long every = properties.getSampleInterval().toMillis();
        thread.scheduleWithFixedDelay(this::sampleLogged, 0, every, TimeUnit.MILLISECONDS);
    }

    private void sampleLogged() {
        try {
            sampleOnce();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log it and keep sampling
            log.error("sampling failed; the next one runs in {}", properties.getSampleInterval(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * One sampling.
     *
     * @param at      when it was taken
     * @param groups  groups sampled
     * @param topics  topics sampled
     * @param problem what could not be read, or null
     */
    public record SampleRun(Instant at, int groups, int topics, String problem) {
    }
}
