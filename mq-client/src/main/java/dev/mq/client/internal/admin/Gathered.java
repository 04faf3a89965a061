package dev.mq.client.internal.admin;

import dev.mq.client.admin.BrokerIssue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The parts of a result asked of several brokers at once: what came back, in the order asked, and
 * an issue for each part that did not (see {@link CallFailed#issueOf}).
 *
 * @param values the answers that arrived, in the order of the futures gathered (failed ones left out)
 * @param issues the parts that failed
 */
record Gathered<T>(List<T> values, List<BrokerIssue> issues) {

    /**
     * Waits (without blocking) for every part; never fails: failed parts become issues.
     *
     * @param parts     the requests, already sent
     * @param describe  for a part that failed with something other than {@link CallFailed}: the issue
     *                  to report (by index)
     */
    static <T> CompletableFuture<Gathered<T>> all(List<CompletableFuture<T>> parts,
                                                  java.util.function.BiFunction<Integer, Throwable, BrokerIssue> describe) {
        if (parts.isEmpty()) {
            return CompletableFuture.completedFuture(new Gathered<>(List.of(), List.of()));
        }
        CompletableFuture<?>[] settled = new CompletableFuture<?>[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            settled[i] = parts.get(i).handle((value, error) -> null);
        }
        return CompletableFuture.allOf(settled).thenApply(done -> {
            List<T> values = new ArrayList<>(parts.size());
            List<BrokerIssue> issues = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                CompletableFuture<T> part = parts.get(i);
                if (part.isCompletedExceptionally()) {
                    Throwable error = part.handle((value, failure) -> failure).join();
                    issues.add(describe.apply(i, error));
                } else {
                    values.add(part.join());
                }
            }
            return new Gathered<>(Collections.unmodifiableList(values), List.copyOf(issues));
        });
    }

    /** As {@link #all(List, java.util.function.BiFunction)}, for parts that fail with {@link CallFailed} only. */
    static <T> CompletableFuture<Gathered<T>> all(List<CompletableFuture<T>> parts) {
        return all(parts, (index, error) -> CallFailed.issueOf(error, "?", null, "admin request"));
    }
}
