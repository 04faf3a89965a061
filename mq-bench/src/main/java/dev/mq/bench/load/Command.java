package dev.mq.bench.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the load tool runs. */
public enum Command {
    /** Send messages as fast as the threads can (or at {@code --rate}) and measure send latency. */
    PRODUCE,
    /** Drain a topic with a push consumer and measure the consumption rate. */
    CONSUME,
    /** Send at a fixed rate and consume at the same time; latency is consume time minus send time. */
    E2E,
    /** Wait until a broker accepts connections and the name server returns a route; print when. */
    READY;

    /** The command's name on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The command with this command-line name, if any. */
    public static Optional<Command> fromCliName(String name) {
        return Arrays.stream(values()).filter(c -> c.cliName().equals(name)).findFirst();
    }
}
