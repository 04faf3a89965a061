package dev.mq.compat;

import java.util.ArrayList;
import java.util.List;

/**
 * What one test started (servers, clients, anything closeable), closed in reverse order after it,
 * so clients close before the servers they talk to.
 */
final class TestResources implements AutoCloseable {

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Registers {@code resource} to be closed after the test and returns it. */
    <T extends AutoCloseable> T add(T resource) {
        opened.add(resource);
        return resource;
    }

    /** Starts {@code server}, to be stopped after the test. */
    ServerProcess start(ServerProcess server) {
        return add(server).start();
    }

    /** Clients of {@code server}, closed after the test. */
    Clients clients(ServerProcess server) {
        return add(new Clients(server));
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }
}
