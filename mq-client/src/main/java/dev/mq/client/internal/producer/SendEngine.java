package dev.mq.client.internal.producer;

import dev.mq.client.MqBrokerException;
import dev.mq.client.MqClientException;
import dev.mq.client.MqException;
import dev.mq.client.MqTimeoutException;
import dev.mq.client.SendResult;
import dev.mq.client.SendStatus;
import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.Compression;
import dev.mq.client.internal.Invoker;
import dev.mq.client.internal.TopicRoute;
import dev.mq.message.BatchCodec;
import dev.mq.message.InvalidMessageException;
import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandException;
import dev.mq.protocol.RemotingException;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.MessageQueue;
import dev.mq.protocol.header.SendMessageHeader;
import dev.mq.protocol.header.SendMessageResponseHeader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends messages for one producer: gives each a fresh message id, compresses large bodies, picks a
 * queue, and retries a failed attempt on another broker until the send timeout runs out.
 *
 * <p>Queue choice: round-robin over the route's write queues, skipping brokers the
 * {@link FaultTracker} avoids (when fault avoidance is on) and, on a retry, the broker that just
 * failed; if every broker is avoided, any broker other than the one that just failed. A message with
 * a sharding key goes to queue {@code |hash(key) % count|} of the route's write queues (the official
 * {@code SelectMessageQueueByHash} rule, so both clients agree) and is never moved to another queue.
 *
 * <p>Retried: no connection, no answer, a closed connection, and the answers the official client
 * retries (codes 1, 2, 14, 16, 17, 204, 205, 1500). A retry may store a message twice (same message
 * id); a message is never reported sent unless a broker said it stored it. Any other refusal fails
 * the send at once. Thread-safe; the send path builds one header and one request per attempt and
 * nothing else per message (no JSON, no maps beyond the request's own).
 */
public final class SendEngine {

    private static final String WAIT_TRUE = PropertyNames.WAIT_STORE + MessageProperties.NAME_VALUE_SEPARATOR + "true"
            + MessageProperties.PROPERTY_SEPARATOR;
    private static final String UNIQ_KEY_PREFIX = PropertyNames.UNIQ_KEY + MessageProperties.NAME_VALUE_SEPARATOR;

    /** Everything about a send that stays the same across its attempts. */
    private record Prepared(int code, String topic, String properties, byte[] body, int flag, int sysFlag,
                            long bornTimestamp, List<String> ids, String shardingKey, boolean batch,
                            int reconsumeTimes, Integer maxReconsumeTimes) {

        String describe() {
            return (batch ? "batch of " + ids.size() + " messages (first " + ids.get(0) + ")" : "message " + ids.get(0))
                    + " to topic " + topic;
        }
    }

    private final ClientCore core;
    private final ProducerSettings settings;
    private final FaultTracker faults = new FaultTracker();
    private final long timeoutNanos;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A send engine for the producer with these settings. */
    public SendEngine(ClientCore core, ProducerSettings settings) {
        this.core = Objects.requireNonNull(core, "core");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timeoutNanos = settings.sendTimeout().toNanos();
    }

    /** The producer's settings. */
    public ProducerSettings settings() {
        return settings;
    }

    // ---- the kinds of send ----

    /** Sends and waits for the broker's answer. */
    public SendResult send(OutgoingMessage message) {
        ensureOpen();
        return sendSync(prepare(message, 0, null)).get(0);
    }

    /** Sends a transactional half message (sysFlag PREPARED, TRAN_MSG and PGROUP) and waits. */
    public SendResult sendHalf(OutgoingMessage message) {
        ensureOpen();
        if (message.delayed()) {
            throw new MqClientException("a transactional message cannot be delayed: it is delivered when committed "
                    + "(message to topic " + message.topic() + ")");
        }
        String transactional = PropertyNames.TRANSACTION_PREPARED + MessageProperties.NAME_VALUE_SEPARATOR + "true"
                + MessageProperties.PROPERTY_SEPARATOR + PropertyNames.PRODUCER_GROUP
                + MessageProperties.NAME_VALUE_SEPARATOR + settings.group() + MessageProperties.PROPERTY_SEPARATOR;
        return sendSync(prepare(message, MessageSysFlag.TRANSACTION_PREPARED, transactional)).get(0);
    }

    /** Sends without waiting; the future completes on a client callback thread. */
    public CompletableFuture<SendResult> sendAsync(OutgoingMessage message) {
        Prepared prepared;
        try {
            ensureOpen();
            prepared = prepare(message, 0, null);
        } catch (MqException e) {
            return CompletableFuture.failedFuture(e);
        }
        return onCallbackThread(sendAsync(prepared).thenApply(results -> results.get(0)));
    }

    /**
     * Sends without an answer. Moves on to another broker only when no connection could be opened
     * (nothing was sent); a message written to a connection is not confirmed by anyone.
     */
    public void sendOneway(OutgoingMessage message) {
        ensureOpen();
        Prepared prepared = prepare(message, 0, null);
        TopicRoute route = core.routes().publishRoute(prepared.topic());
        Attempts attempts = new Attempts(prepared);
        String avoid = null;
        for (int attempt = 0; attempt < maxAttempts(prepared); attempt++) {
            MessageQueue queue = select(route, prepared, avoid);
            String address = route.masterAddress(queue.brokerName());
            if (address == null) {
                attempts.failed(queue, noMaster(prepared, queue));
                avoid = queue.brokerName();
                continue;
            }
            try {
                core.invoker().remoting().invokeOneway(address, request(prepared, queue));
                return;
            } catch (RemotingException e) {
                faults.failed(queue.brokerName(), System.nanoTime());
                attempts.failed(queue, Invoker.translate(e, "oneway send of " + prepared.describe(), address,
                        settings.sendTimeout()));
                if (e.kind() != RemotingException.Kind.CONNECT_FAILED) {
                    break;
                }
                avoid = queue.brokerName();
            }
        }
        throw attempts.giveUp(false);
    }

    /** Sends messages of one topic as one batch and waits; one result per message, in order. */
    public List<SendResult> sendBatch(List<OutgoingMessage> messages) {
        ensureOpen();
        return sendSync(prepareBatch(messages));
    }

    /** As {@link #sendBatch}, without waiting; the future completes on a client callback thread. */
    public CompletableFuture<List<SendResult>> sendBatchAsync(List<OutgoingMessage> messages) {
        Prepared prepared;
        try {
            ensureOpen();
            prepared = prepareBatch(messages);
        } catch (MqException e) {
            return CompletableFuture.failedFuture(e);
        }
        return onCallbackThread(sendAsync(prepared));
    }

    // ---- lifecycle ----

    /** Refuses further sends. Sends already started go on. */
    public void close() {
        closed = true;
    }

    /** Waits up to {@code timeout} for asynchronous sends already started; false if some are still running. */
    public boolean awaitInFlight(Duration timeout) {
        CompletableFuture<?>[] running = inFlight.toArray(CompletableFuture[]::new);
        if (running.length == 0) {
            return true;
        }
        try {
            CompletableFuture.allOf(running).handle((ok, error) -> null).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new MqClientException("the producer of group " + settings.group() + " is closed");
        }
        core.ensureOpen();
    }

    // ---- preparing ----

    private Prepared prepare(OutgoingMessage message, int transactionType, String extraProperties) {
        String id = core.messageIds().next();
        byte[] body = message.body();
        int sysFlag = transactionType;
        if (body.length >= settings.compressThreshold()) {
            byte[] compressed = Compression.zlib(body, settings.compressionLevel());
            if (compressed.length < body.length) {
                body = compressed;
                sysFlag |= Compression.ZLIB_COMPRESSED;
            }
        }
        String properties = message.properties();
        StringBuilder text = new StringBuilder(properties.length() + 48
                + (extraProperties == null ? 0 : extraProperties.length()));
        text.append(properties).append(UNIQ_KEY_PREFIX).append(id).append(MessageProperties.PROPERTY_SEPARATOR);
        if (extraProperties != null) {
            text.append(extraProperties);
        }
        return new Prepared(RequestCode.SEND_MESSAGE_V2, message.topic(), text.toString(), body, message.flag(), sysFlag,
                System.currentTimeMillis(), List.of(id), message.shardingKey(), false, message.reconsumeTimes(),
                message.maxReconsumeTimes());
    }

    private Prepared prepareBatch(List<OutgoingMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new MqClientException("a batch needs at least one message");
        }
        OutgoingMessage first = messages.get(0);
        if (TopicNames.isRetry(first.topic())) {
            throw new MqClientException("a batch cannot be sent to a retry topic (" + first.topic() + ")");
        }
        List<String> ids = new ArrayList<>(messages.size());
        List<BatchCodec.Entry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            OutgoingMessage message = messages.get(i);
            if (!message.topic().equals(first.topic())) {
                throw new MqClientException("all messages of a batch must have one topic: message " + i + " is for "
                        + message.topic() + ", message 0 for " + first.topic());
            }
            if (message.delayed()) {
                throw new MqClientException("messages of a batch cannot be delayed (message " + i + ")");
            }
            if (!Objects.equals(message.shardingKey(), first.shardingKey())) {
                throw new MqClientException("all messages of a batch must have the same sharding key (or none): "
                        + "message " + i + " has " + message.shardingKey() + ", message 0 " + first.shardingKey());
            }
            String id = core.messageIds().next();
            ids.add(id);
            entries.add(new BatchCodec.Entry(message.flag(), message.body(), message.properties() + UNIQ_KEY_PREFIX + id
                    + MessageProperties.PROPERTY_SEPARATOR));
        }
        byte[] body;
        try {
            body = BatchCodec.encode(entries);
        } catch (InvalidMessageException e) {
            throw new MqClientException("cannot encode the batch: " + e.getMessage(), e);
        }
        if (body.length > OutgoingMessage.MAX_BODY_BYTES) {
            throw new MqClientException("the batch of " + messages.size() + " messages is " + body.length
                    + " bytes encoded, more than the " + OutgoingMessage.MAX_BODY_BYTES + " a broker accepts; split it");
        }
        return new Prepared(RequestCode.SEND_BATCH_MESSAGE, first.topic(), WAIT_TRUE, body, 0, 0,
                System.currentTimeMillis(), List.copyOf(ids), first.shardingKey(), true, 0, null);
    }

    private RemotingCommand request(Prepared prepared, MessageQueue queue) {
        RemotingCommand request = RemotingCommand.request(prepared.code());
        new SendMessageHeader(settings.group(), prepared.topic(), TopicNames.AUTO_CREATE_TEMPLATE,
                SendMessageHeader.DEFAULT_TOPIC_QUEUE_NUMS, queue.queueId(), prepared.sysFlag(),
                prepared.bornTimestamp(), prepared.flag(), prepared.properties(), prepared.reconsumeTimes(),
                Boolean.FALSE, prepared.maxReconsumeTimes(), prepared.batch(), queue.brokerName()).writeV2To(request);
        return request.setBody(prepared.body());
    }

    // ---- choosing a queue ----

    private int maxAttempts(Prepared prepared) {
        return prepared.shardingKey() != null ? 1 : 1 + settings.retries();
    }

    private MessageQueue select(TopicRoute route, Prepared prepared, String avoid) {
        List<MessageQueue> queues = route.writeQueues();
        int count = queues.size();
        if (count == 0) {
            throw new MqClientException("topic " + prepared.topic() + " has no writable queue on a broker with a master; "
                    + "route: " + route);
        }
        if (prepared.shardingKey() != null) {
            return queues.get(Math.abs(prepared.shardingKey().hashCode() % count));
        }
        int start = route.nextPosition();
        if (!settings.faultAvoidance() && avoid == null) {
            return queues.get(Math.floorMod(start, count));
        }
        long now = System.nanoTime();
        MessageQueue fallback = null;
        for (int i = 0; i < count; i++) {
            MessageQueue queue = queues.get(Math.floorMod(start + i, count));
            if (queue.brokerName().equals(avoid)) {
                continue;
            }
            if (!settings.faultAvoidance() || faults.isAvailable(queue.brokerName(), now)) {
                return queue;
            }
            if (fallback == null) {
                fallback = queue;
            }
        }
        return fallback != null ? fallback : queues.get(Math.floorMod(start, count));
    }

    // ---- sending with retries ----

    private List<SendResult> sendSync(Prepared prepared) {
        long deadline = System.nanoTime() + timeoutNanos;
        TopicRoute route = core.routes().publishRoute(prepared.topic());
        Attempts attempts = new Attempts(prepared);
        String avoid = null;
        for (int attempt = 0; attempt < maxAttempts(prepared); attempt++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            MessageQueue queue = select(route, prepared, avoid);
            String address = route.masterAddress(queue.brokerName());
            long sent = System.nanoTime();
            RemotingCommand response = null;
            Throwable error = null;
            if (address == null) {
                error = noMaster(prepared, queue);
            } else {
                try {
                    response = core.invoker().remoting().invokeSync(address, request(prepared, queue), millis(remaining));
                } catch (RemotingException e) {
                    error = e;
                }
            }
            List<SendResult> results = evaluate(prepared, queue, address, sent, remaining, response, error, attempts);
            if (results != null) {
                return results;
            }
            avoid = queue.brokerName();
            TopicRoute current = core.routes().cached(prepared.topic());
            route = current != null ? current : route;
        }
        throw attempts.giveUp(System.nanoTime() - deadline >= 0);
    }

    private CompletableFuture<List<SendResult>> sendAsync(Prepared prepared) {
        long deadline = System.nanoTime() + timeoutNanos;
        CompletableFuture<List<SendResult>> done = new CompletableFuture<>();
        inFlight.add(done);
        done.whenComplete((results, error) -> inFlight.remove(done));
        core.routes().publishRouteAsync(prepared.topic()).whenComplete((route, error) -> {
            if (error != null) {
                done.completeExceptionally(Invoker.unwrap(error));
            } else {
                attemptAsync(prepared, route, 0, null, deadline, new Attempts(prepared), done);
            }
        });
        return done;
    }

    private void attemptAsync(Prepared prepared, TopicRoute route, int attempt, String avoid, long deadline,
                              Attempts attempts, CompletableFuture<List<SendResult>> done) {
        long remaining = deadline - System.nanoTime();
        if (attempt >= maxAttempts(prepared) || remaining <= 0) {
            done.completeExceptionally(attempts.giveUp(remaining <= 0));
            return;
        }
        MessageQueue queue;
        try {
            queue = select(route, prepared, avoid);
        } catch (MqException e) {
            done.completeExceptionally(e);
            return;
        }
        String address = route.masterAddress(queue.brokerName());
        long sent = System.nanoTime();
        CompletableFuture<RemotingCommand> response = address == null
                ? CompletableFuture.failedFuture(noMaster(prepared, queue))
                : core.invoker().remoting().invokeAsync(address, request(prepared, queue), millis(remaining));
        response.whenComplete((answer, error) -> {
            List<SendResult> results;
            try {
                results = evaluate(prepared, queue, address, sent, remaining, answer, error, attempts);
            } catch (MqException e) {
                done.completeExceptionally(e);
                return;
            }
            if (results != null) {
                done.complete(results);
                return;
            }
            TopicRoute current = core.routes().cached(prepared.topic());
            attemptAsync(prepared, current != null ? current : route, attempt + 1, queue.brokerName(), deadline,
                    attempts, done);
        });
    }

    /**
     * What one attempt came to: the results when the broker stored the message(s), null to try again,
     * or an exception when trying again is pointless.
     */
    private List<SendResult> evaluate(Prepared prepared, MessageQueue queue, String address, long sentNanos,
                                      long timeoutNanos, RemotingCommand response, Throwable error, Attempts attempts) {
        long now = System.nanoTime();
        if (error != null) {
            Throwable cause = Invoker.unwrap(error);
            faults.failed(queue.brokerName(), now);
            core.routes().refreshSoon(prepared.topic());
            attempts.failed(queue, Invoker.translate(cause, "send of " + prepared.describe(), address,
                    Duration.ofNanos(timeoutNanos)));
            if (cause instanceof RemotingException failure && failure.kind() == RemotingException.Kind.INTERRUPTED) {
                throw attempts.giveUp(false);
            }
            return null;
        }
        SendStatus status = storedStatus(response.code());
        if (status != null) {
            faults.answered(queue.brokerName(), TimeUnit.NANOSECONDS.toMillis(now - sentNanos), now);
            return results(prepared, queue, address, status, response);
        }
        attempts.failed(queue, Invoker.brokerError("send of " + prepared.describe(), address, response));
        if (!isRetryable(response.code())) {
            throw attempts.giveUp(false);
        }
        faults.failed(queue.brokerName(), now);
        return null;
    }

    private List<SendResult> results(Prepared prepared, MessageQueue queue, String address, SendStatus status,
                                     RemotingCommand response) {
        SendMessageResponseHeader header;
        try {
            header = SendMessageResponseHeader.read(response);
        } catch (RemotingCommandException e) {
            throw new MqClientException(address + " stored " + prepared.describe() + " but its answer is incomplete: "
                    + e.getMessage(), e);
        }
        String topic = prepared.topic();
        if (!prepared.batch()) {
            return List.of(new SendResult(status, prepared.ids().get(0), header.msgId(), topic, queue.brokerName(),
                    header.queueId(), header.queueOffset()));
        }
        String[] offsetIds = header.msgId().split(",");
        int count = prepared.ids().size();
        List<SendResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(new SendResult(status, prepared.ids().get(i), offsetIds.length == count ? offsetIds[i] : null,
                    topic, queue.brokerName(), header.queueId(), header.queueOffset() + i));
        }
        return List.copyOf(results);
    }

    /** The status for an answer that means "stored", or null. */
    private static SendStatus storedStatus(int code) {
        return switch (code) {
            case ResponseCode.SUCCESS -> SendStatus.SEND_OK;
            case ResponseCode.FLUSH_DISK_TIMEOUT -> SendStatus.FLUSH_DISK_TIMEOUT;
            case ResponseCode.FLUSH_SLAVE_TIMEOUT -> SendStatus.FLUSH_SLAVE_TIMEOUT;
            case ResponseCode.SLAVE_NOT_AVAILABLE -> SendStatus.SLAVE_NOT_AVAILABLE;
            default -> null;
        };
    }

    /** The refusals the official client retries ({@code remoting-protocol.md} section 2.2). */
    static boolean isRetryable(int code) {
        return switch (code) {
            case ResponseCode.SYSTEM_ERROR, ResponseCode.SYSTEM_BUSY, ResponseCode.SERVICE_NOT_AVAILABLE,
                 ResponseCode.NO_PERMISSION, ResponseCode.TOPIC_NOT_EXIST, ResponseCode.NO_BUYER_ID,
                 ResponseCode.NOT_IN_CURRENT_UNIT, ResponseCode.GO_AWAY -> true;
            default -> false;
        };
    }

    private static MqClientException noMaster(Prepared prepared, MessageQueue queue) {
        return new MqClientException("the route of topic " + prepared.topic() + " has no master address for broker "
                + queue.brokerName());
    }

    private static long millis(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    private <T> CompletableFuture<T> onCallbackThread(CompletableFuture<T> internal) {
        CompletableFuture<T> user = new CompletableFuture<>();
        internal.whenComplete((value, error) -> core.runCallback(() -> {
            if (error != null) {
                user.completeExceptionally(Invoker.unwrap(error));
            } else {
                user.complete(value);
            }
        }));
        return user;
    }

    /** The failed attempts of one send, and the exception to give up with. */
    private final class Attempts {

        private final Prepared prepared;
        private final List<MqException> failures = new ArrayList<>(0);
        private final List<MessageQueue> queues = new ArrayList<>(0);

        Attempts(Prepared prepared) {
            this.prepared = prepared;
        }

        synchronized void failed(MessageQueue queue, MqException failure) {
            queues.add(queue);
            failures.add(failure);
        }

        synchronized MqException giveUp(boolean outOfTime) {
            StringBuilder summary = new StringBuilder();
            for (int i = 0; i < failures.size(); i++) {
                summary.append(i == 0 ? "" : "; ").append("attempt ").append(i + 1).append(" at ")
                        .append(queues.get(i).brokerName()).append('/').append(queues.get(i).queueId()).append(": ")
                        .append(failures.get(i).getMessage());
            }
            String what = (prepared.shardingKey() != null ? "ordered send of " : "send of ") + prepared.describe();
            MqException last = failures.isEmpty() ? null : failures.get(failures.size() - 1);
            MqException result;
            if (last == null) {
                result = new MqTimeoutException(what, settings.sendTimeout(),
                        "no time was left for an attempt after the route lookup", null);
            } else if (outOfTime || last instanceof MqTimeoutException) {
                result = new MqTimeoutException(what, settings.sendTimeout(), summary.toString(), last);
            } else {
                String message = what + " failed" + (prepared.shardingKey() != null
                        ? " (an ordered message is not moved to another queue): "
                        : " after " + failures.size() + (failures.size() == 1 ? " attempt: " : " attempts: ")) + summary;
                if (last instanceof MqBrokerException refused) {
                    result = new MqBrokerException(message, refused.responseCode(), refused.remark(),
                            refused.brokerAddress());
                    result.initCause(refused);
                } else {
                    result = new MqClientException(message, last);
                }
            }
            for (int i = 0; i < failures.size() - 1; i++) {
                result.addSuppressed(failures.get(i));
            }
            return result;
        }
    }
}
