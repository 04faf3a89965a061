package dev.mq.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a load run needs, validated on construction ({@link LoadOptionsParser} builds it from
 * the command line; errors name the option).
 *
 * @param command        what to run
 * @param client         the client library the load runs on
 * @param namesrv        name server address list, {@code host:port[;host:port]}
 * @param topic          topic to send to or consume from
 * @param group          producer group (produce, e2e) or consumer group (consume, e2e)
 * @param size           message body size in bytes
 * @param threads        producer threads (produce, e2e) or consumer threads (consume)
 * @param mode           sync, async, batch or oneway sends
 * @param batchSize      messages per batch in batch mode
 * @param inflight       outstanding sends per thread in async mode
 * @param duration       how long to run after the warm-up; zero means no time limit
 * @param count          how many messages to send or consume after the warm-up; zero means no limit
 * @param rate           total messages per second to send; zero means as fast as possible
 * @param warmup         time at the start whose results are not counted
 * @param reportInterval time between progress lines
 * @param idleTimeout    consume: stop once no message arrived for this long (after the first one);
 *                       e2e: longest wait for messages still on the way after the last send
 * @param fromFirst      consume: a new group starts at the first offset (else the last)
 * @param broker         ready: the broker address that must accept connections
 * @param json           print the final result as one JSON object on standard output
 * @param serverPids     processes whose CPU time over the measured window is reported beside the
 *                       load tool's own (the server's); empty for none
 * @param spring         the spring receiver's options ({@code --client spring}): idempotency store
 *                       and where its database is
 */
public record LoadOptions(
        Command command,
        ClientKind client,
        String namesrv,
        String topic,
        String group,
        int size,
        int threads,
        SendMode mode,
        int batchSize,
        int inflight,
        Duration duration,
        long count,
        double rate,
        Duration warmup,
        Duration reportInterval,
        Duration idleTimeout,
        boolean fromFirst,
        String broker,
        boolean json,
        List<Long> serverPids,
        SpringReceiverOptions spring) {

    /** Smallest body of an e2e message: it carries a run id and the send time. */
    public static final int E2E_MIN_SIZE = E2eBody.LENGTH;

    /** Validates every field; the messages name the command-line option. */
    public LoadOptions {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(mode, "mode");
        serverPids = List.copyOf(serverPids);
        Objects.requireNonNull(spring, "spring");
        if (client == ClientKind.SPRING && command != Command.CONSUME) {
            throw new LoadOptionsException("--client spring has only a consume side (an @MqListener): use it with consume");
        }
        if (client != ClientKind.SPRING && spring.idempotency() != ListenerIdempotency.NONE) {
            throw new LoadOptionsException("--idempotency is an option of --client spring");
        }
        if (serverPids.stream().anyMatch(pid -> pid < 1)) {
            throw new LoadOptionsException("--server-pids must be process ids (1 or more), got " + serverPids);
        }
        requireText(namesrv, "--namesrv");
        requireText(topic, "--topic");
        requireText(group, "--group");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(reportInterval, "reportInterval");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (size < 1 || size > 4 * 1024 * 1024) {
            throw new LoadOptionsException("--size must be between 1 and 4194304 bytes, got " + size);
        }
        if (command == Command.E2E && size < E2E_MIN_SIZE) {
            throw new LoadOptionsException("--size must be at least " + E2E_MIN_SIZE + " bytes for e2e, got " + size);
        }
        if (threads < 1 || threads > 1024) {
            throw new LoadOptionsException("--threads must be between 1 and 1024, got " + threads);
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new LoadOptionsException("--batch-size must be between 1 and 1024, got " + batchSize);
        }
        if (inflight < 1 || inflight > 65536) {
            throw new LoadOptionsException("--inflight must be between 1 and 65536, got " + inflight);
        }
        if (duration.isNegative()) {
            throw new LoadOptionsException("--duration must not be negative, got " + duration);
        }
        if (count < 0) {
            throw new LoadOptionsException("--count must not be negative, got " + count);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new LoadOptionsException("--rate must be zero (unlimited) or positive, got " + rate);
        }
        if (command == Command.E2E && rate == 0) {
            throw new LoadOptionsException("--rate must be positive for e2e (it sends at a fixed rate)");
        }
        if (command == Command.PRODUCE && mode == SendMode.ONEWAY && rate == 0) {
            throw new LoadOptionsException("--rate must be positive for --mode oneway (nothing else bounds oneway sends)");
        }
        if (warmup.isNegative()) {
            throw new LoadOptionsException("--warmup must not be negative, got " + warmup);
        }
        if (reportInterval.isNegative() || reportInterval.isZero()) {
            throw new LoadOptionsException("--report-interval must be positive, got " + reportInterval);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new LoadOptionsException("--idle-timeout must be positive, got " + idleTimeout);
        }
        if (command == Command.READY) {
            requireText(broker, "--broker");
            if (!broker.matches("[^:\\s]+:\\d{1,5}")) {
                throw new LoadOptionsException("--broker must be host:port, got '" + broker + "'");
            }
        }
    }

    /** Whether the run is bounded by time. */
    public boolean hasDuration() {
        return !duration.isZero();
    }

    /** Whether the run is bounded by a message count. */
    public boolean hasCount() {
        return count > 0;
    }

    private static void requireText(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new LoadOptionsException(option + " must not be empty");
        }
    }
}
