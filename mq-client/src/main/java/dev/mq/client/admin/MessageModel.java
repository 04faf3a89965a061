package dev.mq.client.admin;

import java.util.Optional;

/** How a consumer group shares messages. */
public enum MessageModel {
    /** Each message goes to one client of the group; offsets are kept by the brokers. */
    CLUSTERING,
    /** Each message goes to every client; offsets are kept by the clients, so brokers cannot tell the lag. */
    BROADCASTING;

    /** The model of a wire name, or empty for null or an unknown name. */
    public static Optional<MessageModel> fromWire(String wireName) {
        for (MessageModel model : values()) {
            if (model.name().equals(wireName)) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }
}
