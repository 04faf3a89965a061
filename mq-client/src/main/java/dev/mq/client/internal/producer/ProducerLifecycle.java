package dev.mq.client.internal.producer;

import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.Registration;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The life of one producer in its client: claims the group name, joins the heartbeat (brokers learn
 * the group at once), and on close waits for its asynchronous sends, leaves the heartbeat, tells the
 * brokers (UNREGISTER_CLIENT) and gives the name back. The client closes it if the user does not.
 */
public final class ProducerLifecycle implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProducerLifecycle.class.getName());
    private static final String KIND = "producer";

    private final ClientCore core;
    private final SendEngine engine;
    private final Registration extra;
    private final Registration closeWithClient;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProducerLifecycle(ClientCore core, SendEngine engine, Registration extra) {
        this.core = core;
        this.engine = engine;
        this.extra = extra;
        core.heartbeats().addProducerGroup(engine.settings().group());
        this.closeWithClient = core.onClose(this);
    }

    /**
     * Starts a producer: claims its group, makes its send engine, registers {@code extra} (e.g. a
     * check-back handler; may return null) and joins the heartbeat.
     *
     * @throws dev.mq.client.MqClientException if the client is closed or already has a producer of the group
     */
    public static ProducerLifecycle start(ClientCore core, ProducerSettings settings,
                                          Function<SendEngine, Registration> extra) {
        core.claimGroup(KIND, settings.group());
        try {
            SendEngine engine = new SendEngine(core, settings);
            Registration registration = extra.apply(engine);
            return new ProducerLifecycle(core, engine, registration == null ? () -> { } : registration);
        } catch (RuntimeException e) {
            core.releaseGroup(KIND, settings.group());
            throw e;
        }
    }

    /** The producer's send engine. */
    public SendEngine engine() {
        return engine;
    }

    /** Closes the producer (see the class description). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        String group = engine.settings().group();
        engine.close();
        if (!engine.awaitInFlight(engine.settings().sendTimeout())) {
            LOG.log(Level.WARNING, "closing producer of group {0} while asynchronous sends are still running; "
                    + "they complete on their own", group);
        }
        extra.close();
        core.heartbeats().removeProducerGroup(group);
        core.heartbeats().unregister(group, null);
        core.releaseGroup(KIND, group);
        closeWithClient.close();
    }

    @Override
    public String toString() {
        return "producer of group " + engine.settings().group();
    }
}
