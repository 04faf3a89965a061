package dev.mq.server.broker.deadletter;

import dev.mq.message.MessageIds;
import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordView;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.header.ListDeadLettersHeader;
import dev.mq.protocol.header.ResendDeadLettersHeader;
import dev.mq.server.broker.deadletter.DeadLetterBodies.Entry;
import dev.mq.server.broker.deadletter.DeadLetterBodies.Failure;
import dev.mq.server.broker.deadletter.DeadLetterBodies.ResendRequest;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.store.AppendResult;
import dev.mq.store.GetMessageResult;
import dev.mq.store.StoredMessages;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The dead-letter extension requests (dev.mq, not in Apache RocketMQ; wire format in
 * docs/admin-extensions.md): LIST_DEAD_LETTERS pages through {@code %DLQ%<group>}, and
 * RESEND_DEAD_LETTERS appends dead letters to their original topics again ({@link DeadLetterResend}),
 * with no consumer of the group needing to be online.
 */
public final class DeadLetterProcessor implements RequestProcessor {

    private static final System.Logger LOG = System.getLogger(DeadLetterProcessor.class.getName());
    static final int MAX_PAGE = 1000;
    static final int MAX_RESEND = 1000;
    private static final int READ_BYTES = 64 * 1024 * 1024;
    private static final Pattern OFFSET_MSG_ID = Pattern.compile("[0-9A-Fa-f]{32}|[0-9A-Fa-f]{56}");

    private final BrokerContext broker;

    public DeadLetterProcessor(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.LIST_DEAD_LETTERS -> CompletableFuture.completedFuture(list(request));
            case RequestCode.RESEND_DEAD_LETTERS -> resend(request);
            default -> throw new IllegalArgumentException("not a dead-letter request: " + request.code());
        };
    }

    private RemotingCommand list(RemotingCommand request) {
        ListDeadLettersHeader header = ListDeadLettersHeader.read(request);
        String topic = TopicNames.deadLetterTopic(header.group());
        int count = header.maxCount();
        Long offset = header.offset();
        if (count < 1 || count > MAX_PAGE || (offset != null && offset < 0)) {
            return RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER, "maxCount must be 1.."
                    + MAX_PAGE + " and offset not negative, but were " + count + " and " + offset);
        }
        long min = broker.store().minOffset(topic, 0);
        long max = broker.store().maxOffset(topic, 0);
        long next = offset == null ? min : Math.max(offset, min);
        List<Entry> entries = new ArrayList<>();
        if (next < max) {
            try (GetMessageResult read = broker.store().getMessages(topic, 0, next, count, READ_BYTES, null)) {
                for (ByteBuffer record : read.messages()) {
                    entries.add(entry(record));
                }
                next = Math.max(next, read.nextBeginOffset());
            }
        }
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(RemotingJson.encode(new DeadLetterBodies.Page(header.group(), topic, min, max, Math.min(next, max),
                entries)));
        return response;
    }

    private Entry entry(ByteBuffer record) {
        RecordView view = new RecordView().wrap(record, record.position());
        Map<String, String> properties = MessageProperties.parse(view.properties());
        String offsetMsgId = MessageIds.offsetMessageId(broker.storeHost(), view.physicalOffset());
        return new Entry(properties.getOrDefault(PropertyNames.UNIQ_KEY, offsetMsgId), offsetMsgId,
                view.queueOffset(), DeadLetterResend.originTopic(properties),
                properties.get(PropertyNames.DLQ_ORIGIN_MESSAGE_ID), properties.get(PropertyNames.KEYS),
                properties.get(PropertyNames.TAGS), view.storeTimestamp(), view.bornTimestamp(),
                view.reconsumeTimes(), view.bodyLength(), properties);
    }

    /** A dead letter ready to be re-sent, or the reason it cannot be. */
    private record Prepared(String msgId, AppendMessage message, boolean resentBefore, String problem) {
    }

    private CompletableFuture<RemotingCommand> resend(RemotingCommand request) {
        String group = ResendDeadLettersHeader.read(request).group();
        String topic = TopicNames.deadLetterTopic(group);
        ResendRequest body = RemotingJson.decode(request.body(), ResendRequest.class);
        List<Prepared> prepared = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        if (body.msgIds() != null && !body.msgIds().isEmpty()) {
            if (body.msgIds().size() > MAX_RESEND) {
                return invalid(request, "at most " + MAX_RESEND + " ids per request, got " + body.msgIds().size());
            }
            for (String id : new LinkedHashSet<>(body.msgIds())) {
                Prepared found = byId(topic, id);
                if (found == null) {
                    notFound.add(id);
                } else {
                    prepared.add(found);
                }
            }
        } else if (body.fromOffset() != null) {
            long max = broker.store().maxOffset(topic, 0);
            long from = Math.max(body.fromOffset(), broker.store().minOffset(topic, 0));
            long to = body.toOffset() == null ? max : Math.min(body.toOffset(), max);
            if (body.fromOffset() < 0 || to - from > MAX_RESEND) {
                return invalid(request, "the range must start at 0 or later and hold at most " + MAX_RESEND
                        + " messages, but was [" + body.fromOffset() + ", " + body.toOffset() + ")");
            }
            prepared.addAll(inRange(topic, from, to));
        } else {
            return invalid(request, "the body needs msgIds or fromOffset");
        }
        return appendAll(prepared).thenApply(results -> answer(request, group, prepared, results, notFound));
    }

    private Prepared byId(String topic, String id) {
        try (StoredMessages found = broker.store().queryByUniqueKey(topic, id, 64, 0, Long.MAX_VALUE)) {
            ByteBuffer newest = null;
            RecordView view = new RecordView();
            for (ByteBuffer record : found.messages()) {
                if (newest == null || view.wrap(record, record.position()).physicalOffset()
                        > view.wrap(newest, newest.position()).physicalOffset()) {
                    newest = record;
                }
            }
            if (newest != null) {
                return prepare(newest);
            }
        }
        if (!OFFSET_MSG_ID.matcher(id).matches()) {
            return null;
        }
        try (StoredMessages stored = broker.store().readAt(MessageIds.commitLogOffset(id))) {
            if (stored.isEmpty()) {
                return null;
            }
            ByteBuffer record = stored.messages().get(0);
            return topic.equals(new RecordView().wrap(record, record.position()).topic()) ? prepare(record) : null;
        }
    }

    private List<Prepared> inRange(String topic, long from, long to) {
        List<Prepared> prepared = new ArrayList<>();
        long next = from;
        while (next < to) {
            try (GetMessageResult read = broker.store().getMessages(topic, 0, next, (int) Math.min(to - next, 32),
                    READ_BYTES, null)) {
                if (read.messageCount() == 0) {
                    break;
                }
                for (ByteBuffer record : read.messages()) {
                    prepared.add(prepare(record));
                }
                next = read.nextBeginOffset();
            }
        }
        return prepared;
    }

    private Prepared prepare(ByteBuffer record) {
        RecordView view = new RecordView().wrap(record, record.position());
        Map<String, String> properties = MessageProperties.parse(view.properties());
        String uniqueKey = properties.get(PropertyNames.UNIQ_KEY);
        String id = uniqueKey != null ? uniqueKey : MessageIds.offsetMessageId(broker.storeHost(), view.physicalOffset());
        String origin = DeadLetterResend.originTopic(properties);
        if (origin == null) {
            return new Prepared(id, null, false, "the dead letter names no origin topic (DLQ_ORIGIN_TOPIC)");
        }
        TopicConfig config = broker.topics().get(origin);
        if (config == null || !Permissions.writable(config.perm())) {
            return new Prepared(id, null, false, "the origin topic " + origin
                    + (config == null ? " does not exist" : " is not writable"));
        }
        int queueId = ThreadLocalRandom.current().nextInt(Math.max(1, config.writeQueueNums()));
        return new Prepared(id, DeadLetterResend.build(record, origin, queueId),
                uniqueKey != null && resentBefore(origin, uniqueKey, view), null);
    }

    /**
     * Whether the origin topic holds a message with this id written after the dead letter: the
     * original was written before it and retries go to the retry topic, so that is an earlier
     * re-send. (The index keeps times in whole seconds, so the search starts a second early and the
     * commit-log position decides.)
     */
    private boolean resentBefore(String origin, String uniqueKey, RecordView deadLetter) {
        long after = deadLetter.physicalOffset();
        try (StoredMessages candidates = broker.store().queryByUniqueKey(origin, uniqueKey, 16,
                deadLetter.storeTimestamp() - 1_000, Long.MAX_VALUE)) {
            RecordView view = new RecordView();
            return candidates.messages().stream()
                    .anyMatch(record -> view.wrap(record, record.position()).physicalOffset() > after);
        }
    }

    private CompletableFuture<List<AppendResult>> appendAll(List<Prepared> prepared) {
        List<CompletableFuture<AppendResult>> appends = new ArrayList<>();
        for (Prepared p : prepared) {
            appends.add(p.message() == null ? CompletableFuture.completedFuture(null) : broker.store().append(p.message()));
        }
        return CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new))
                .thenApply(done -> appends.stream().map(CompletableFuture::join).toList());
    }

    private RemotingCommand answer(RemotingCommand request, String group, List<Prepared> prepared,
                                   List<AppendResult> results, List<String> notFound) {
        List<String> resentIds = new ArrayList<>();
        List<String> resentBefore = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Prepared p = prepared.get(i);
            AppendResult result = results.get(i);
            if (p.problem() != null) {
                failed.add(new Failure(p.msgId(), p.problem()));
            } else if (!result.status().isStored()) {
                failed.add(new Failure(p.msgId(), "the store refused it: " + result.status() + " " + result.detail()));
            } else {
                resentIds.add(p.msgId());
                if (p.resentBefore()) {
                    resentBefore.add(p.msgId());
                }
            }
        }
        LOG.log(Level.INFO, "re-sent {0} dead letter(s) of group {1}: {2}; not found {3}; failed {4}",
                resentIds.size(), group, resentIds, notFound, failed);
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(RemotingJson.encode(new DeadLetterBodies.ResendResult(resentIds.size(), resentIds, notFound,
                resentBefore, failed)));
        return response;
    }

    private static CompletableFuture<RemotingCommand> invalid(RemotingCommand request, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER,
                remark));
    }
}
