package dev.mq.client.internal;

/** Told when a topic's route changed (consumers rebalance on it). Runs on a client callback thread; must not block long. */
@FunctionalInterface
public interface RouteListener {

    /** The route of {@code route.topic()} is now {@code route}. */
    void routeChanged(TopicRoute route);
}
