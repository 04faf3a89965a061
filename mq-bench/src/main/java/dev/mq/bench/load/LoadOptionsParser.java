package dev.mq.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the load tool's options ({@code --name value} or {@code --name=value}) into
 * {@link LoadOptions}, with defaults that depend on the command. Unknown options, missing values
 * and malformed numbers are errors that name the option.
 */
public final class LoadOptionsParser {

    private static final Set<String> FLAGS = Set.of("json", "from-last");
    private static final Set<String> VALUED = Set.of("namesrv", "topic", "group", "size", "threads", "mode",
            "batch-size", "inflight", "duration", "count", "rate", "warmup", "report-interval", "idle-timeout",
            "broker", "timeout", "client", "server-pids",
            "idempotency", "jdbc-url", "jdbc-user", "jdbc-password", "redis-host", "redis-port");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private final String runId;

    /** @param runId suffix of the default group name, so that every run gets a new group */
    public LoadOptionsParser(String runId) {
        this.runId = runId;
    }

    /** Parses {@code args} (the words after the command). */
    public LoadOptions parse(Command command, String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new LoadOptionsException("unexpected argument '" + arg + "' (options look like --name value)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new LoadOptionsException("--" + name + " takes no value");
                }
                value = "true";
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new LoadOptionsException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
            } else {
                throw new LoadOptionsException("unknown option --" + name + " for " + command.cliName());
            }
            if (values.put(name, value) != null) {
                throw new LoadOptionsException("--" + name + " is given twice");
            }
        }
        return build(command, values);
    }

    private LoadOptions build(Command command, Map<String, String> v) {
        long count = v.containsKey("count") ? parseLong("count", v.get("count")) : 0;
        Duration duration;
        if (command == Command.READY) {
            duration = durationOr(v, "timeout", Duration.ofSeconds(120));
        } else if (v.containsKey("timeout")) {
            throw new LoadOptionsException("--timeout is an option of ready only (use --duration)");
        } else {
            Duration unbounded = switch (command) {
                case PRODUCE -> count > 0 ? Duration.ZERO : Duration.ofSeconds(60);
                case E2E -> Duration.ofSeconds(60);
                default -> Duration.ZERO;
            };
            duration = durationOr(v, "duration", unbounded);
        }
        int defaultThreads = switch (command) {
            case CONSUME -> 20;
            case E2E -> 4;
            default -> 8;
        };
        return new LoadOptions(
                command,
                parseClient(v.getOrDefault("client", ClientKind.OFFICIAL.cliName())),
                v.getOrDefault("namesrv", "127.0.0.1:9876"),
                v.getOrDefault("topic", command == Command.READY ? "TBW102" : "BenchTopic"),
                v.getOrDefault("group", "mq_bench_" + command.cliName() + "_" + runId),
                (int) parseLong("size", v.getOrDefault("size", "1024")),
                (int) parseLong("threads", v.getOrDefault("threads", Integer.toString(defaultThreads))),
                parseMode(v.getOrDefault("mode", "sync")),
                (int) parseLong("batch-size", v.getOrDefault("batch-size", "16")),
                (int) parseLong("inflight", v.getOrDefault("inflight", "64")),
                duration,
                count,
                parseRate(v.getOrDefault("rate", command == Command.E2E ? "1000" : "0")),
                durationOr(v, "warmup", Duration.ZERO),
                durationOr(v, "report-interval", Duration.ofSeconds(5)),
                durationOr(v, "idle-timeout", Duration.ofSeconds(10)),
                !v.containsKey("from-last"),
                v.get("broker"),
                v.containsKey("json"),
                parsePids(v.getOrDefault("server-pids", "")),
                new SpringReceiverOptions(
                        parseIdempotency(v.getOrDefault("idempotency", ListenerIdempotency.NONE.cliName())),
                        v.getOrDefault("jdbc-url", SpringReceiverOptions.DEFAULT_JDBC_URL),
                        v.getOrDefault("jdbc-user", SpringReceiverOptions.DEFAULT_JDBC_USER),
                        v.getOrDefault("jdbc-password", SpringReceiverOptions.DEFAULT_JDBC_PASSWORD),
                        v.getOrDefault("redis-host", SpringReceiverOptions.DEFAULT_REDIS_HOST),
                        (int) parseLong("redis-port", v.getOrDefault("redis-port",
                                Integer.toString(SpringReceiverOptions.DEFAULT_REDIS_PORT)))));
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    static Duration parseDuration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new LoadOptionsException("--" + option + " must be a duration like 500ms, 30s, 2m or 1h, got '" + text + "'");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new LoadOptionsException("--" + option + " is out of range: '" + text + "'");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static Duration durationOr(Map<String, String> v, String option, Duration fallback) {
        String text = v.get(option);
        return text == null ? fallback : parseDuration(option, text);
    }

    private static long parseLong(String option, String text) {
        try {
            long value = Long.parseLong(text.trim().replace("_", ""));
            if (value > Integer.MAX_VALUE && !option.equals("count")) {
                throw new LoadOptionsException("--" + option + " is out of range: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new LoadOptionsException("--" + option + " must be a whole number, got '" + text + "'");
        }
    }

    private static double parseRate(String text) {
        try {
            return Double.parseDouble(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new LoadOptionsException("--rate must be a number of messages per second, got '" + text + "'");
        }
    }

    private static SendMode parseMode(String text) {
        try {
            return SendMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LoadOptionsException("--mode must be sync, async, batch or oneway, got '" + text + "'");
        }
    }

    private static ClientKind parseClient(String text) {
        return ClientKind.fromCliName(text.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new LoadOptionsException("--client must be official, ours or spring, got '" + text + "'"));
    }

    private static ListenerIdempotency parseIdempotency(String text) {
        return ListenerIdempotency.fromCliName(text.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new LoadOptionsException("--idempotency must be none, memory, jdbc, redis or floor, got '" + text + "'"));
    }

    /** {@code 123,456} (spaces allowed too, as a shell joins an array); empty for none. */
    private static List<Long> parsePids(String text) {
        List<Long> pids = new ArrayList<>();
        for (String word : text.trim().split("[,\\s]+")) {
            if (word.isEmpty()) {
                continue;
            }
            try {
                pids.add(Long.parseLong(word));
            } catch (NumberFormatException e) {
                throw new LoadOptionsException("--server-pids must be process ids separated by commas, got '" + text + "'");
            }
        }
        return pids;
    }
}
