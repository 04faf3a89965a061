package dev.mq.server.broker.send;

import dev.mq.message.TopicNames;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.header.SendMessageHeader;
import dev.mq.server.broker.state.TopicTable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Where a send runs: on the I/O thread that decoded it when its topic exists (the common case:
 * the send handler only validates, encodes and queues the append, nothing blocks), so a message
 * costs no hand-off to another thread and back; on {@code slowPath} when the send may have to
 * write broker state first (creating a topic writes {@code topics.json}, a retry topic may create
 * its subscription group), which must not stall the other connections of that I/O thread.
 *
 * <p>Measured on the 2-core dev VM with 32 synchronous senders: the hand-off cost about a fifth
 * of the broker's CPU per message, mostly futex system calls (docs/performance.md).
 */
public final class InlineSendProcessor implements RequestProcessor {

    private final RequestProcessor delegate;
    private final TopicTable topics;
    private final Executor slowPath;

    public InlineSendProcessor(RequestProcessor delegate, TopicTable topics, Executor slowPath) {
        this.delegate = delegate;
        this.topics = topics;
        this.slowPath = slowPath;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) throws Exception {
        if (runsInline(request)) {
            return delegate.process(connection, request);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return delegate.process(connection, request);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, slowPath).thenCompose(response -> response);
    }

    private boolean runsInline(RemotingCommand request) {
        String topic = SendMessageHeader.topicOf(request);
        return topic != null && !topic.startsWith(TopicNames.RETRY_PREFIX) && topics.get(topic) != null;
    }
}
