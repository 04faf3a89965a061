package dev.mq.console.listing;

import dev.mq.client.admin.GroupDetail;
import dev.mq.client.admin.MqAdmin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Per-group details (subscriptions, backlog age) for the group list: asked of the brokers with a
 * bounded fan-out, each kept briefly, and waited for only up to a page budget, so /groups answers
 * quickly with many groups and fills in the rest on the next visit. Entries of groups that are no
 * longer listed are dropped, so the cache is bounded by the number of groups. Thread-safe.
 */
public final class GroupDetailsCache {

    private final MqAdmin admin;
    private final Clock clock;
    private final Duration keepFor;
    private final BoundedFanOut fanOut;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(CompletableFuture<GroupDetail> detail, Instant askedAt) {
    }

    /** A cache asking {@code admin}, keeping answers {@code keepFor}, with {@code fanOut} requests at once. */
    public GroupDetailsCache(MqAdmin admin, Clock clock, Duration keepFor, BoundedFanOut fanOut) {
        this.admin = admin;
        this.clock = clock;
        this.keepFor = keepFor;
        this.fanOut = fanOut;
    }

    /**
     * The details of {@code groups} that are ready within {@code budget}: fresh ones from the cache, the
     * others asked now. Groups missing from the result are still being read (or failed: then {@code failed}
     * says why).
     */
    public Details detailsOf(Collection<String> groups, Duration budget) {
        Set<String> listed = Set.copyOf(groups);
        entries.keySet().retainAll(listed);
        Instant now = clock.instant();
        Map<String, CompletableFuture<GroupDetail>> wanted = new LinkedHashMap<>();
        for (String group : groups) {
            Entry entry = entries.compute(group, (name, old) -> old != null && !old.detail().isCompletedExceptionally()
                    && (!old.detail().isDone() || now.isBefore(old.askedAt().plus(keepFor)))
                    ? old : new Entry(fanOut.submit(() -> admin.groupAsync(name)), now));
            wanted.put(group, entry.detail());
        }
        try {
            CompletableFuture.allOf(wanted.values().toArray(CompletableFuture[]::new))
                    .get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // not all are ready, or some failed: the page shows the ready ones and says which are not
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, GroupDetail> ready = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        wanted.forEach((group, detail) -> {
            if (detail.isCompletedExceptionally()) {
                failed.put(group, MqAdmin.failureOf(detail.handle((v, e) -> e).join()).getMessage());
            } else if (detail.isDone()) {
                ready.put(group, detail.join());
            }
        });
        return new Details(ready, failed);
    }

    /** Forgets one group's details (after an action changed its offsets). */
    public void invalidate(String group) {
        entries.remove(group);
    }

    /**
     * Details ready in time.
     *
     * @param ready  by group
     * @param failed by group: why its details could not be read
     */
    public record Details(Map<String, GroupDetail> ready, Map<String, String> failed) {
    }
}
