package dev.mq.server.layeringfixture.broker;

/** Test fixture standing in for the broker's wiring class (see dev.mq.server.LayeringTest). */
public final class FixtureWiring {
}
