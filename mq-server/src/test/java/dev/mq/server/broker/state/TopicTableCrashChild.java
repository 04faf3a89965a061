package dev.mq.server.broker.state;

import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.server.broker.state.SubscriptionGroups.Group;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Semaphore;

/**
 * Run in a child JVM by {@link TopicTableSigkillTest}: creates topics and groups as fast as it can
 * (up to 64 in flight, as concurrent admin requests would) and prints {@code ACK T name} or
 * {@code ACK G name} for each one whose write completed, until it is killed.
 */
public final class TopicTableCrashChild {

    private TopicTableCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path configDir = Path.of(args[0]);
        String round = args[1];
        TopicTable topics = new TopicTable(configDir, Clock.systemUTC(), true, 8);
        SubscriptionGroups groups = new SubscriptionGroups(configDir);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        Semaphore inFlight = new Semaphore(64);
        for (int i = 0; ; i++) {
            inFlight.acquire();
            String name = "crash-" + round + "-" + i;
            if (i % 5 == 0) {
                groups.update(Group.defaults(name)).whenComplete((ok, error) -> ack(out, inFlight, "G", name, error));
            } else {
                topics.update(TopicConfig.of(name, 4, Permissions.READ_WRITE))
                        .durable().whenComplete((ok, error) -> ack(out, inFlight, "T", name, error));
            }
        }
    }

    private static void ack(PrintStream out, Semaphore inFlight, String kind, String name, Throwable error) {
        synchronized (out) {
            if (error == null) {
                out.println("ACK " + kind + " " + name);
            } else {
                out.println("FAILED " + kind + " " + name + " " + error);
            }
            out.flush();
        }
        inFlight.release();
    }
}
