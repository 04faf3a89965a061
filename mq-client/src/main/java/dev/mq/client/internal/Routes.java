package dev.mq.client.internal;

import dev.mq.client.MqClientException;
import dev.mq.client.MqException;
import dev.mq.message.TopicNames;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicRouteData;
import dev.mq.protocol.header.GetRouteInfoHeader;
import dev.mq.protocol.header.SendMessageHeader;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The route cache: each topic's {@link TopicRoute}, fetched from the name servers on first use and
 * again every refresh interval ({@link #refreshAll()}). A topic the name server does not know gets,
 * for producers, a route made from the auto-create template {@code TBW102} (as Apache clients do), so
 * that its first send creates it. A failed refresh keeps the previous route.
 *
 * <p>Concurrent first uses of a topic share one lookup. Route changes rebuild the
 * {@link BrokerDirectory} and are told to {@link RouteListener}s (on a callback thread). Futures
 * returned here complete on network I/O threads. Thread-safe.
 */
public final class Routes {

    private static final System.Logger LOG = System.getLogger(Routes.class.getName());

    private record Lookup(String topic, boolean templateFallback) {
    }

    private final Invoker invoker;
    private final Duration timeout;
    private final BrokerDirectory directory;
    private final Consumer<Set<String>> newBrokerAddresses;
    private final Executor listenerExecutor;
    private final ConcurrentMap<String, TopicRoute> routes = new ConcurrentHashMap<>();
    private final ConcurrentMap<Lookup, CompletableFuture<TopicRoute>> lookups = new ConcurrentHashMap<>();
    private final List<RouteListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Creates the cache.
     *
     * @param newBrokerAddresses told (on a network thread; must not block) of broker addresses a route
     *                           named for the first time
     * @param listenerExecutor   where {@link RouteListener}s run
     */
    Routes(Invoker invoker, Duration timeout, BrokerDirectory directory, Consumer<Set<String>> newBrokerAddresses,
           Executor listenerExecutor) {
        this.invoker = invoker;
        this.timeout = timeout;
        this.directory = directory;
        this.newBrokerAddresses = newBrokerAddresses;
        this.listenerExecutor = listenerExecutor;
    }

    /** The cached route of {@code topic}, or null (no lookup). */
    public TopicRoute cached(String topic) {
        return routes.get(topic);
    }

    /** The topics with a cached route. */
    public Set<String> topics() {
        return Set.copyOf(routes.keySet());
    }

    /**
     * The route to send to {@code topic}: cached, or looked up now (blocking), falling back to the
     * auto-create template.
     *
     * @throws MqClientException when neither the topic nor the template has a route
     * @throws MqException when the name servers cannot be asked
     */
    public TopicRoute publishRoute(String topic) {
        TopicRoute route = routes.get(topic);
        if (route != null) {
            return route;
        }
        try {
            return lookup(topic, true).join();
        } catch (CompletionException e) {
            throw rethrowable(e);
        }
    }

    /** As {@link #publishRoute(String)}, without blocking: the future fails with the same exceptions. */
    public CompletableFuture<TopicRoute> publishRouteAsync(String topic) {
        TopicRoute route = routes.get(topic);
        return route != null ? CompletableFuture.completedFuture(route) : lookup(topic, true);
    }

    /**
     * The route of an existing topic (for consumers and admin: never a template route): cached, or
     * looked up now. The future fails with {@link MqClientException} when the topic has no route.
     */
    public CompletableFuture<TopicRoute> route(String topic) {
        TopicRoute route = routes.get(topic);
        return route != null && !route.fromTemplate() ? CompletableFuture.completedFuture(route) : lookup(topic, false);
    }

    /** Registers a listener for route changes. */
    public Registration addListener(RouteListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Looks up every cached topic again, without waiting; failures keep the old route and are logged. */
    public void refreshAll() {
        for (TopicRoute route : routes.values()) {
            lookup(route.topic(), route.fromTemplate()).whenComplete((refreshed, error) -> {
                if (error != null) {
                    LOG.log(Level.WARNING, "cannot refresh the route of topic {0}, keeping the previous one: {1}",
                            route.topic(), Invoker.unwrap(error).getMessage());
                }
            });
        }
    }

    /** Looks up {@code topic} again soon (a send to one of its brokers failed). */
    public void refreshSoon(String topic) {
        TopicRoute route = routes.get(topic);
        lookup(topic, route == null || route.fromTemplate()).exceptionally(error -> null);
    }

    /** One lookup per topic at a time; the future completes on a network thread. */
    private CompletableFuture<TopicRoute> lookup(String topic, boolean templateFallback) {
        Lookup key = new Lookup(topic, templateFallback);
        CompletableFuture<TopicRoute> running = lookups.get(key);
        if (running != null) {
            return running;
        }
        CompletableFuture<TopicRoute> mine = new CompletableFuture<>();
        running = lookups.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        mine.whenComplete((route, error) -> lookups.remove(key, mine));
        fetch(topic, templateFallback).whenComplete((route, error) -> {
            if (error != null) {
                mine.completeExceptionally(Invoker.unwrap(error));
            } else {
                mine.complete(route);
            }
        });
        return mine;
    }

    private CompletableFuture<TopicRoute> fetch(String topic, boolean templateFallback) {
        return ask(topic).thenCompose(data -> {
            if (data != null) {
                return CompletableFuture.completedFuture(store(TopicRoute.of(topic, data)));
            }
            if (!templateFallback || TopicNames.isRetry(topic)) {
                throw new CompletionException(noRoute(topic, false));
            }
            return ask(TopicNames.AUTO_CREATE_TEMPLATE).thenApply(template -> {
                if (template == null) {
                    throw new CompletionException(noRoute(topic, true));
                }
                return store(TopicRoute.fromTemplate(topic, template, SendMessageHeader.DEFAULT_TOPIC_QUEUE_NUMS));
            });
        });
    }

    /** The route data of {@code topic}, or null when the name server does not know it. */
    private CompletableFuture<TopicRouteData> ask(String topic) {
        RemotingCommand request = Invoker.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new GetRouteInfoHeader(topic, Boolean.TRUE), null);
        String what = "route lookup of topic " + topic;
        return invoker.invokeNamesrv(request, timeout, what).thenApply(response -> {
            if (response.code() == ResponseCode.TOPIC_NOT_EXIST) {
                return null;
            }
            if (response.code() != ResponseCode.SUCCESS || response.body() == null) {
                throw new CompletionException(Invoker.brokerError(what, "the name server", response));
            }
            return RemotingJson.decode(response.body(), TopicRouteData.class);
        });
    }

    private static MqClientException noRoute(String topic, boolean templateAsked) {
        return new MqClientException("no route for topic " + topic + (templateAsked
                ? " (auto-creation is off on the brokers? create the topic first)"
                : " (does the topic exist?)"));
    }

    private TopicRoute store(TopicRoute route) {
        TopicRoute previous = routes.get(route.topic());
        if (previous != null && previous.fromTemplate() == route.fromTemplate() && previous.data().equals(route.data())) {
            return previous; // unchanged: keep its round-robin position
        }
        routes.put(route.topic(), route);
        Set<String> added = directory.rebuild(routes.values());
        if (!added.isEmpty()) {
            newBrokerAddresses.accept(added);
        }
        for (RouteListener listener : listeners) {
            listenerExecutor.execute(() -> {
                try {
                    listener.routeChanged(route);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "route listener failed for topic " + route.topic(), e);
                }
            });
        }
        return route;
    }

    private static RuntimeException rethrowable(CompletionException e) {
        Throwable cause = Invoker.unwrap(e);
        return cause instanceof RuntimeException runtime ? runtime : new MqClientException(cause.toString(), cause);
    }
}
