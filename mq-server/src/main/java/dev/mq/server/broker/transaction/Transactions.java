package dev.mq.server.broker.transaction;

import dev.mq.message.TopicNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.server.broker.state.BrokerContext;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Transactional messages, composed: the system topics, the {@link TransactionBook}, the
 * END_TRANSACTION handler and the {@link TransactionCheckService}, which sends its checks to a
 * live producer connection of the half's group. Half messages themselves are stored by the send
 * handler ({@link HalfMessages#toHalf}).
 */
public final class Transactions implements AutoCloseable {

    private final TransactionCheckService checker;
    private final EndTransactionProcessor processor;

    /** @param commitRouting applied to each committed copy before it is stored (timer parking) */
    public Transactions(BrokerContext context, TransactionSettings settings, Path configDir,
                 UnaryOperator<AppendMessage> commitRouting) {
        for (String topic : new String[] {TopicNames.TRANSACTION_HALF_TOPIC, TopicNames.TRANSACTION_OP_TOPIC, TopicNames.TRANSACTION_CHECK_MAX_TOPIC}) {
            context.topics().put(TopicConfig.of(topic, 1, Permissions.READ_WRITE));
        }
        TransactionBook book = new TransactionBook(configDir);
        TransactionResolver resolver = new TransactionResolver(context.store(), book, context.storeHost(),
                context.clock(), commitRouting);
        this.processor = new EndTransactionProcessor(context.store(), resolver);
        this.checker = new TransactionCheckService(context.store(), book, resolver, settings, (group, check) -> {
            Connection producer = context.clients().anyProducer(group);
            if (producer == null) {
                return false;
            }
            producer.invokeOneway(check);
            return true;
        }, context.brokerName(), context.storeHost(), context.clock());
    }

    /** Handles END_TRANSACTION. */
    public RequestProcessor endTransactionProcessor() {
        return processor;
    }

    public void start() {
        checker.start();
    }

    /** Stops the checker and persists its book. */
    @Override
    public void close() {
        checker.close();
    }
}
