package dev.mq.client.admin;

import java.util.Optional;

/** How a consumer group's clients get messages, as their heartbeats say. */
public enum ConsumeType {
    /** Push consumers ({@code CONSUME_PASSIVELY}): the client pulls in the background and calls a listener. */
    PUSH("CONSUME_PASSIVELY"),
    /** Pull consumers ({@code CONSUME_ACTIVELY}): the application pulls. */
    PULL("CONSUME_ACTIVELY"),
    /** Pop consumers ({@code CONSUME_POP}, 5.x): the broker assigns messages. */
    POP("CONSUME_POP");

    private final String wireName;

    ConsumeType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire, e.g. {@code CONSUME_PASSIVELY}. */
    public String wireName() {
        return wireName;
    }

    /** The type of a wire name, or empty for null or an unknown name. */
    public static Optional<ConsumeType> fromWire(String wireName) {
        for (ConsumeType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
