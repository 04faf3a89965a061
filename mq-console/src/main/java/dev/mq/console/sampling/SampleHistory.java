package dev.mq.console.sampling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Series by name (a group, a topic), bounded twice: each series keeps a fixed number of samples, and at
 * most {@code maxSeries} series exist, so memory stays bounded however many groups and topics appear.
 * A name that is no longer reported keeps its series until it ages out of the window. Thread-safe.
 */
public final class SampleHistory {

    private final int samplesPerSeries;
    private final int maxSeries;
    private final Map<String, SampleSeries> series = new ConcurrentHashMap<>();
    private volatile int refused;

    /** A history of at most {@code maxSeries} series of {@code samplesPerSeries} samples each. */
    public SampleHistory(int samplesPerSeries, int maxSeries) {
        if (samplesPerSeries < 1 || maxSeries < 1) {
            throw new IllegalArgumentException("a history keeps at least 1 series of 1 sample, got " + maxSeries
                    + " series of " + samplesPerSeries);
        }
        this.samplesPerSeries = samplesPerSeries;
        this.maxSeries = maxSeries;
    }

    /**
     * Adds a sample to {@code name}'s series, starting the series if there is room.
     *
     * @return false when the series could not be started because {@code maxSeries} series exist
     */
    public boolean add(String name, Instant at, Long value) {
        SampleSeries target = series.get(name);
        if (target == null) {
            if (series.size() >= maxSeries) {
                refused++;
                return false;
            }
            target = series.computeIfAbsent(name, n -> new SampleSeries(samplesPerSeries));
        }
        target.add(at, value);
        return true;
    }

    /** The samples of {@code name} since {@code since}, oldest first; empty for an unknown name. */
    public List<SampleSeries.Sample> since(String name, Instant since) {
        SampleSeries found = series.get(name);
        return found == null ? List.of() : found.since(since);
    }

    /** The newest sample of {@code name}. */
    public Optional<SampleSeries.Sample> latest(String name) {
        return Optional.ofNullable(series.get(name)).map(SampleSeries::latest);
    }

    /** Drops the series whose newest sample is older than {@code before}. */
    public void dropOlderThan(Instant before) {
        series.values().removeIf(s -> {
            SampleSeries.Sample latest = s.latest();
            return latest == null || latest.at().isBefore(before);
        });
    }

    /** Series held now. */
    public int seriesCount() {
        return series.size();
    }

    /** Samples not kept because the series limit was reached, since the start. */
    public int refusedSamples() {
        return refused;
    }
}
