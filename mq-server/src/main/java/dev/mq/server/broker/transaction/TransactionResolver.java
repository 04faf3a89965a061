package dev.mq.server.broker.transaction;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordView;
import dev.mq.store.AppendResult;
import dev.mq.store.MessageStore;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Resolves a half exactly once: claims it in the {@link TransactionBook}, stores what the decision
 * asks for (the committed message, or the copy parked after too many checks; nothing for a
 * rollback) and then the op record. The op is appended only after that store succeeded, so a
 * failure can at worst repeat a commit after a crash (at-least-once, as in RocketMQ), never lose
 * one; a failed resolution gives the claim back and the half is checked again.
 */
final class TransactionResolver {

    private static final System.Logger LOG = System.getLogger(TransactionResolver.class.getName());

    enum Decision { COMMIT, ROLLBACK, PARK }

    enum Outcome { RESOLVED, ALREADY_RESOLVED, FAILED }

    private final MessageStore store;
    private final TransactionBook book;
    private final InetSocketAddress storeHost;
    private final Clock clock;
    private final UnaryOperator<AppendMessage> commitRouting;

    TransactionResolver(MessageStore store, TransactionBook book, InetSocketAddress storeHost, Clock clock) {
        this(store, book, storeHost, clock, UnaryOperator.identity());
    }

    /**
     * @param commitRouting applied to a committed copy before it is stored (exact-time delivery
     *                      parks a committed message that asks for it)
     */
    TransactionResolver(MessageStore store, TransactionBook book, InetSocketAddress storeHost, Clock clock,
                        UnaryOperator<AppendMessage> commitRouting) {
        this.commitRouting = commitRouting;
        this.store = store;
        this.book = book;
        this.storeHost = storeHost;
        this.clock = clock;
    }

    /**
     * Resolves the stored half {@code record} (a half written by {@link HalfMessages#toHalf}). The
     * record is read before this returns; the future completes on the store's writer thread.
     *
     * @param checks how often the half was checked (recorded on a parked copy)
     */
    CompletableFuture<Outcome> resolve(ByteBuffer record, Decision decision, int checks) {
        RecordView view = new RecordView().wrap(record, record.position());
        long halfOffset = view.queueOffset();
        Map<String, String> properties = MessageProperties.parse(view.properties());
        String uniqueKey = properties.get(PropertyNames.UNIQ_KEY);
        AppendMessage payload = switch (decision) {
            case COMMIT -> {
                HalfMessages.Destination destination = HalfMessages.destination(properties);
                if (destination == null) {
                    LOG.log(Level.WARNING, "half {0} ({1}) has no REAL_TOPIC/REAL_QID; resolving it without a commit",
                            halfOffset, uniqueKey);
                    yield null;
                }
                yield commitRouting.apply(HalfMessages.committed(record, destination));
            }
            case PARK -> HalfMessages.parked(record, checks);
            case ROLLBACK -> null;
        };
        if (!book.claim(halfOffset)) {
            return CompletableFuture.completedFuture(Outcome.ALREADY_RESOLVED);
        }
        CompletableFuture<Boolean> stored = payload == null ? CompletableFuture.completedFuture(true)
                : store.append(payload).thenApply(result -> stored(result, decision, halfOffset, uniqueKey));
        return stored.thenCompose(ok -> {
            if (!ok) {
                book.release(halfOffset);
                return CompletableFuture.completedFuture(Outcome.FAILED);
            }
            return store.append(HalfMessages.operation(halfOffset, storeHost, clock.millis())).thenApply(result -> {
                if (result.status().isStored()) {
                    return Outcome.RESOLVED;
                }
                // keep the claim: while this broker runs the half is not resolved twice; after a
                // restart it is checked again, which may repeat a commit
                LOG.log(Level.ERROR, "half {0} ({1}) was resolved ({2}) but its op record was not stored: {3} {4}",
                        halfOffset, uniqueKey, decision, result.status(), result.detail());
                return Outcome.RESOLVED;
            });
        }).exceptionally(e -> {
            book.release(halfOffset);
            LOG.log(Level.ERROR, "cannot resolve half " + halfOffset + " (" + uniqueKey + "): " + decision, e);
            return Outcome.FAILED;
        });
    }

    private static boolean stored(AppendResult result, Decision decision, long halfOffset, String uniqueKey) {
        if (result.status().isStored()) {
            return true;
        }
        LOG.log(Level.WARNING, "cannot store the {0} of half {1} ({2}): {3} {4}; it stays open", decision,
                halfOffset, uniqueKey, result.status(), result.detail());
        return false;
    }
}
