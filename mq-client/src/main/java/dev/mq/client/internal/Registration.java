package dev.mq.client.internal;

/** Undoes a registration (a heartbeat contributor, a request handler, a route listener). Idempotent. */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    /** Removes what was registered; harmless when already removed. */
    @Override
    void close();
}
