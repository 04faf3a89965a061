package dev.mq.store.internal;

import dev.mq.store.AppendResult;

import java.util.concurrent.CompletableFuture;

/**
 * One or more encoded records for the same topic and queue, waiting for the commit-log writer.
 * Encoding happened on the caller's thread; the writer fills in offsets and the store timestamp.
 */
public final class AppendRequest {

    final byte[] data;
    final int[] recordLengths;
    final String topic;
    final int queueId;
    final CompletableFuture<AppendResult> future = new CompletableFuture<>();

    /**
     * @param data          the encoded records back to back
     * @param recordLengths length of each record in {@code data}
     */
    public AppendRequest(String topic, int queueId, byte[] data, int[] recordLengths) {
        this.topic = topic;
        this.queueId = queueId;
        this.data = data;
        this.recordLengths = recordLengths;
    }

    public CompletableFuture<AppendResult> future() {
        return future;
    }
}
