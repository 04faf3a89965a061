package dev.mq.server.broker.stats;

import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.PullMessageHeader;
import dev.mq.protocol.header.SendMessageHeader;
import dev.mq.protocol.header.SendMessageResponseHeader;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps the send and pull handlers and counts the messages a successful response stored (per topic)
 * or delivered (per topic and group, with their bytes), and the pulls that found nothing. Keeps
 * counting out of the handlers themselves.
 */
public final class StatsRecorder implements RequestProcessor {

    private final RequestProcessor delegate;
    private final BrokerStats stats;

    public StatsRecorder(RequestProcessor delegate, BrokerStats stats) {
        this.delegate = delegate;
        this.stats = stats;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) throws Exception {
        CompletableFuture<RemotingCommand> response = delegate.process(connection, request);
        if (response == null) {
            return null;
        }
        return response.thenApply(r -> {
            if (r != null) {
                record(request, r);
            }
            return r;
        });
    }

    private void record(RemotingCommand request, RemotingCommand response) {
        switch (request.code()) {
            case RequestCode.SEND_MESSAGE, RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE -> {
                if (response.code() == ResponseCode.SUCCESS) {
                    String ids = SendMessageResponseHeader.msgIdOf(response);
                    stats.recordPut(SendMessageHeader.topicOf(request), ids == null ? 1 : 1 + commas(ids));
                }
            }
            case RequestCode.PULL_MESSAGE, RequestCode.LITE_PULL_MESSAGE -> {
                switch (response.code()) {
                    case ResponseCode.SUCCESS -> stats.recordGet(PullMessageHeader.groupOf(request),
                            PullMessageHeader.topicOf(request), countRecords(response.body()), response.bodyLength());
                    case ResponseCode.PULL_NOT_FOUND, ResponseCode.PULL_RETRY_IMMEDIATELY,
                         ResponseCode.PULL_OFFSET_MOVED -> stats.recordPullMiss();
                    default -> { }
                }
            }
            default -> { }
        }
    }

    /** A batch's response lists its message ids separated by commas. */
    private static int commas(String ids) {
        int count = 0;
        for (int at = ids.indexOf(','); at >= 0; at = ids.indexOf(',', at + 1)) {
            count++;
        }
        return count;
    }

    /** Records in a pull body: each starts with its total size. */
    static int countRecords(byte[] body) {
        if (body == null) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.wrap(body);
        int count = 0;
        int at = 0;
        while (at + 4 <= body.length) {
            int size = buf.getInt(at);
            if (size <= 0) {
                break;
            }
            at += size;
            count++;
        }
        return count;
    }
}
