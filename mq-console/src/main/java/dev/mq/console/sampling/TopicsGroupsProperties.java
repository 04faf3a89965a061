package dev.mq.console.sampling;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import java.time.Duration;

/**
 * Settings of the topics and groups pages, under {@code mq.console.topics-groups.}: how often the
 * backlog and message counts are sampled for the charts, how long a listing is reused, and how many
 * admin requests the pages send at once. Checked when bound.
 */
@ConfigurationProperties("mq.console.topics-groups")
public class TopicsGroupsProperties implements Validator {

    /** How often the background sampler reads every group's backlog and every topic's message count. */
    private Duration sampleInterval = Duration.ofMinutes(1);

    /** How much history the charts keep in memory (at most 48 h). */
    private Duration history = Duration.ofHours(24);

    /** Groups and topics the sampler keeps history for; further ones are not charted (memory stays bounded). */
    private int maxSeries = 20_000;

    /** How long a topic or group listing is reused by the next page before the brokers are asked again. */
    private Duration listingCacheTime = Duration.ofSeconds(5);

    /** How long /groups waits for per-group details (subscriptions, backlog age) before it shows what it has. */
    private Duration pageBudget = Duration.ofMillis(200);

    /** Per-group or per-topic admin requests the pages have under way at once. */
    private int concurrency = 16;

    public Duration getSampleInterval() {
        return sampleInterval;
    }

    public void setSampleInterval(Duration sampleInterval) {
        this.sampleInterval = sampleInterval;
    }

    public Duration getHistory() {
        return history;
    }

    public void setHistory(Duration history) {
        this.history = history;
    }

    public int getMaxSeries() {
        return maxSeries;
    }

    public void setMaxSeries(int maxSeries) {
        this.maxSeries = maxSeries;
    }

    public Duration getListingCacheTime() {
        return listingCacheTime;
    }

    public void setListingCacheTime(Duration listingCacheTime) {
        this.listingCacheTime = listingCacheTime;
    }

    public Duration getPageBudget() {
        return pageBudget;
    }

    public void setPageBudget(Duration pageBudget) {
        this.pageBudget = pageBudget;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /** Samples kept per series: the history divided by the interval. */
    public int samplesKept() {
        return (int) Math.max(2, history.toMillis() / sampleInterval.toMillis() + 1);
    }

    @Override
    public boolean supports(Class<?> type) {
        return TopicsGroupsProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        TopicsGroupsProperties p = (TopicsGroupsProperties) target;
        if (p.sampleInterval == null || p.sampleInterval.compareTo(Duration.ofMillis(100)) < 0) {
            errors.rejectValue("sampleInterval", "mq.invalid", "must be at least 100ms");
        }
        if (p.history == null || p.history.isNegative() || p.history.isZero() || p.history.compareTo(Duration.ofHours(48)) > 0) {
            errors.rejectValue("history", "mq.invalid", "must be positive and at most 48h");
        }
        if (p.sampleInterval != null && p.history != null && !p.sampleInterval.isZero()
                && p.history.toMillis() / Math.max(1, p.sampleInterval.toMillis()) > 100_000) {
            errors.rejectValue("sampleInterval", "mq.invalid",
                    "keeps more than 100000 samples per series over the history: sample less often or keep less history");
        }
        if (p.maxSeries < 1) {
            errors.rejectValue("maxSeries", "mq.invalid", "must be at least 1");
        }
        if (p.listingCacheTime == null || p.listingCacheTime.isNegative()) {
            errors.rejectValue("listingCacheTime", "mq.invalid", "must be zero (no reuse) or positive");
        }
        if (p.pageBudget == null || p.pageBudget.isNegative() || p.pageBudget.isZero()) {
            errors.rejectValue("pageBudget", "mq.invalid", "must be a positive duration");
        }
        if (p.concurrency < 1 || p.concurrency > 1024) {
            errors.rejectValue("concurrency", "mq.invalid", "must be 1..1024");
        }
    }
}
