package dev.mq.client.internal.admin;

import dev.mq.client.admin.BrokerIssue;
import dev.mq.client.admin.QueueRef;
import dev.mq.client.admin.ResetResult;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.header.ResetOffsetHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Offset resets (INVOKE_BROKER_TO_RESET_OFFSET) to a time or to the end of each queue, sent to every
 * broker holding the topic at once, forced (forward or back). Our broker and Apache 5.x both store the
 * new offsets when no consumer is online and tell online ones ({@code docs/admin-extensions.md}).
 */
final class OffsetOps {

    /** The timestamp that means "the end of each queue". */
    static final long END = -1;

    private final AdminContext context;

    OffsetOps(AdminContext context) {
        this.context = context;
    }

    CompletableFuture<ResetResult> reset(String group, String topic, long timestamp) {
        String subject = "of group " + group + " on topic " + topic + (timestamp == END ? " to the end"
                : " to " + java.time.Instant.ofEpochMilli(timestamp));
        return context.existingRoute(topic).thenCompose(route -> {
            List<CompletableFuture<Map<QueueRef, Long>>> parts = new ArrayList<>();
            for (Target broker : AdminContext.masters(route)) {
                parts.add(context.calls().ask(broker, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET,
                        new ResetOffsetHeader(topic, group, timestamp, true, -1, -1L), null, subject,
                        response -> Bodies.resetOffsets(response.body())));
            }
            return Gathered.all(parts).thenApply(gathered -> {
                Map<QueueRef, Long> offsets = new TreeMap<>();
                gathered.values().forEach(offsets::putAll);
                List<BrokerIssue> issues = new ArrayList<>(AdminContext.withoutMaster(route,
                        Calls.operation(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, subject)));
                issues.addAll(gathered.issues());
                return new ResetResult(group, topic, offsets, issues);
            });
        });
    }
}
