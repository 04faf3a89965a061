package dev.mq.server;

import dev.mq.server.config.BrokerProperties;
import dev.mq.server.config.NamesrvProperties;
import dev.mq.server.config.ServerProperties;
import dev.mq.server.config.StoreProperties;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the name server and the broker as soon as the configuration is bound and validated,
 * before the application context (web server, actuator, metrics) is built, so that clients can
 * connect about two seconds earlier; the HTTP side follows. The started {@link MqServer} is then
 * handed to the context ({@link EarlyStartedServer}), which owns it from there on: it stops it on
 * shutdown like any lifecycle bean. If the context fails to start, this listener stops it.
 *
 * <p>Between the early start and the end of the context's refresh, clients can already send, but
 * the context cannot stop the server yet (a SIGTERM then would leave the store unclosed, to be
 * recovered at the next start). A JVM shutdown hook of this listener stops it in that window and
 * is removed once the context has started; {@link MqServer#stop()} is idempotent, so the two
 * stopping paths may overlap.
 *
 * <p>Used by {@link MqServerApplication#builder()}; an application built without it starts the
 * same {@code MqServer} later, as a lifecycle bean of the context.
 */
final class MessagingFirstStart implements ApplicationListener<ApplicationEvent> {

    private MqServer server;
    /** Stops the server if the JVM exits before the context has taken it over; null once removed. */
    private Thread stopOnExit;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            server = bind(prepared.getEnvironment());
            stopOnExit = new Thread(server::stop, "mq-server-early-shutdown");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            server.start();
        } else if (event instanceof ApplicationPreparedEvent prepared && server != null) {
            prepared.getApplicationContext().getBeanFactory()
                    .registerSingleton("earlyStartedServer", new EarlyStartedServer(server));
        } else if (event instanceof ApplicationStartedEvent) {
            // refreshed: the context's own shutdown stops the server from now on, in lifecycle order
            removeShutdownHook();
        } else if (event instanceof ApplicationFailedEvent && server != null) {
            server.stop();
            removeShutdownHook();
        }
    }

    private void removeShutdownHook() {
        if (stopOnExit == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shutdownInProgress) {
            // the JVM is already exiting: the hook runs (or has run) and stops the server itself
        }
        stopOnExit = null;
    }

    /** The server as the context would build it: the same properties, bound and validated the same way. */
    private static MqServer bind(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        return new MqServer(
                binder.bindOrCreate("mq.server", Bindable.of(ServerProperties.class)),
                binder.bindOrCreate("mq.namesrv", Bindable.of(NamesrvProperties.class)),
                binder.bindOrCreate("mq.broker", Bindable.of(BrokerProperties.class)),
                binder.bindOrCreate("mq.store", Bindable.of(StoreProperties.class)));
    }

    /** The server started before the context existed; the context's {@code MqServer} bean. */
    record EarlyStartedServer(MqServer server) {
    }
}
