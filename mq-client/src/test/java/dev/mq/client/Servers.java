package dev.mq.client;

import dev.mq.server.EmbeddedServer;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Our real server, in-process, with small store files so that many can run in one test JVM. */
final class Servers {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Servers() {
    }

    /** Name server and broker {@code broker-a}, small store files; add properties, then start. */
    static EmbeddedServer.Builder small() {
        return EmbeddedServer.builder()
                .property("mq.store.segment-size", "16MB")
                .property("mq.store.index-hash-slots", "20000")
                .property("mq.store.index-entries-per-file", "80000")
                .property("mq.store.consume-queue-entries-per-file", "20000");
    }

    /** A broker named {@code name} that joins {@code first}'s name server, keeping its data in {@code dataDir}. */
    static EmbeddedServer joiningBroker(EmbeddedServer first, String name, Path dataDir) {
        return small().property("mq.server.roles", "broker")
                .property("mq.broker.name", name)
                .property("mq.broker.namesrv-addr", first.namesrvAddress())
                .dataDir(dataDir)
                .start();
    }

    /** A client of {@code server} with quick route refresh and heartbeats for tests. */
    static MqClient client(EmbeddedServer server) {
        return MqClient.builder().namesrv(server.namesrvAddress())
                .routeRefreshInterval(java.time.Duration.ofSeconds(1))
                .heartbeatInterval(java.time.Duration.ofSeconds(1))
                .build();
    }

    /** A name unique in this JVM run. */
    static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + "_" + System.nanoTime() % 100_000;
    }
}
