package dev.mq.bench.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which client library a load runs on ({@code --client}). */
public enum ClientKind {
    /** The official Apache RocketMQ Java client 5.5.0 (remoting protocol): the default. */
    OFFICIAL,
    /** This project's own client, {@code mq-client}. */
    OURS,
    /**
     * Consume only: an {@code @MqListener} of this project's Spring Boot starter, in a minimal Spring
     * Boot application started in the load tool's process ({@link SpringClient}).
     */
    SPRING;

    /** The name on the command line and in results. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this command-line name, if any. */
    public static Optional<ClientKind> fromCliName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName().equals(name)).findFirst();
    }
}
