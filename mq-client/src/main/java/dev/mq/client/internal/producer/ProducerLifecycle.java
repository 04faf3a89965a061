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
public final class ProducerLifecycle<X extends Registration> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProducerLifecycle.class.getName());
    private static final String KIND = "producer";

    private final ClientCore core;
    private final SendEngine engine;
    private final X extension;
    private final Registration closeWithClient;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProducerLifecycle(ClientCore core, SendEngine engine, X extension) {
        this.core = core;
        this.engine = engine;
        this.extension = extension;
        core.heartbeats().addProducerGroup(engine.settings().group());
        this.closeWithClient = core.onClose(this);
    }

    /**
     * Starts a plain producer: claims its group, makes its send engine and joins the heartbeat.
     *
     * @throws dev.mq.client.MqClientException if the client is closed or already has a producer of the group
     */
    public static ProducerLifecycle<Registration> start(ClientCore core, ProducerSettings settings) {
        return start(core, settings, engine -> () -> { });
    }

    /**
     * Starts a producer with an extension made from its send engine (a transactional producer's
     * check-back handling, say), which the lifecycle closes with the producer.
     *
     * @throws dev.mq.client.MqClientException if the client is closed or already has a producer of the group
     */
    public static <X extends Registration> ProducerLifecycle<X> start(ClientCore core, ProducerSettings settings,
                                                                      Function<SendEngine, X> extension) {
        core.claimGroup(KIND, settings.group());
        try {
            SendEngine engine = new SendEngine(core, settings);
            return new ProducerLifecycle<>(core, engine, extension.apply(engine));
        } catch (RuntimeException e) {
            core.releaseGroup(KIND, settings.group());
            throw e;
        }
    }

    /** The producer's send engine. */
    public SendEngine engine() {
        return engine;
    }

    /** What {@link #start(ClientCore, ProducerSettings, Function)} attached to this producer. */
    public X extension() {
        return extension;
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
        extension.close();
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
