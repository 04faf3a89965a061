package dev.mq.client;

import dev.mq.client.internal.producer.ProducerSettings;

import java.time.Duration;
import java.util.Objects;

/** The settings both producer builders share, with their defaults (the official client's). */
final class ProducerOptions {

    Duration sendTimeout = Duration.ofSeconds(3);
    int retries = 2;
    int compressBodiesOver = 4 * 1024;
    int compressionLevel = 5;
    boolean faultAvoidance = true;

    ProducerSettings settings(String group) {
        return new ProducerSettings(group, Objects.requireNonNull(sendTimeout, "sendTimeout"), retries,
                compressBodiesOver, compressionLevel, faultAvoidance);
    }
}
