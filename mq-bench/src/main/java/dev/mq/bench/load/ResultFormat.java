package dev.mq.bench.load;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders results as text for people, as one JSON object for scripts, and progress lines. */
public final class ResultFormat {

    private ResultFormat() {
    }

    /**
     * One JSON object on one line. Field names are stable (compare.sh reads them): command, client, mode,
     * threads, size, topic, messages, errors, seconds, throughput, mibPerSecond,
     * latencyMs{count,mean,p50,p90,p99,p999,max}, errorKinds{...}, and the command's extra figures.
     */
    public static String json(LoadResult r) {
        StringBuilder out = new StringBuilder(512);
        out.append('{');
        field(out, "command", r.command().cliName()).append(',');
        field(out, "client", r.client().cliName()).append(',');
        field(out, "mode", r.command() == Command.CONSUME ? "push" : r.mode().name().toLowerCase(Locale.ROOT)).append(',');
        field(out, "threads", r.threads()).append(',');
        field(out, "size", r.size()).append(',');
        field(out, "topic", r.topic()).append(',');
        field(out, "messages", r.messages()).append(',');
        field(out, "errors", r.errors()).append(',');
        field(out, "seconds", r.seconds()).append(',');
        field(out, "throughput", r.throughput()).append(',');
        field(out, "mibPerSecond", r.mebibytesPerSecond()).append(',');
        LatencySummary l = r.latency();
        string(out, "latencyMs").append(":{");
        field(out, "count", l.count()).append(',');
        field(out, "mean", l.meanMs()).append(',');
        field(out, "p50", l.p50Ms()).append(',');
        field(out, "p90", l.p90Ms()).append(',');
        field(out, "p99", l.p99Ms()).append(',');
        field(out, "p999", l.p999Ms()).append(',');
        field(out, "max", l.maxMs()).append("},");
        string(out, "errorKinds").append(":{");
        String separator = "";
        for (Map.Entry<String, Long> e : new TreeMap<>(r.errorKinds()).entrySet()) {
            out.append(separator);
            field(out, e.getKey(), e.getValue());
            separator = ",";
        }
        out.append('}');
        for (Map.Entry<String, Double> e : new TreeMap<>(r.extra()).entrySet()) {
            out.append(',');
            field(out, e.getKey(), e.getValue());
        }
        return out.append('}').toString();
    }

    /** A few lines for people. */
    public static String text(LoadResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s %s, %d threads, %d-byte messages, topic %s, %s client%n",
                r.command().cliName(),
                r.command() == Command.CONSUME ? "(push consumer)" : r.mode().name().toLowerCase(Locale.ROOT),
                r.threads(), r.size(), r.topic(), r.client() == ClientKind.OURS ? "our" : "official"));
        out.append(String.format(Locale.ROOT, "messages  %,d in %.1f s = %,.0f msg/s (%.1f MiB/s)%n", r.messages(),
                r.seconds(), r.throughput(), r.mebibytesPerSecond()));
        out.append(String.format(Locale.ROOT, "errors    %,d%s%n", r.errors(), r.errorKinds().isEmpty() ? ""
                : " " + new TreeMap<>(r.errorKinds())));
        LatencySummary l = r.latency();
        if (l.count() > 0) {
            out.append(String.format(Locale.ROOT, "latency   %s%n", latencyText(l)));
        }
        new TreeMap<>(r.extra()).forEach((k, v) ->
                out.append(String.format(Locale.ROOT, "%-9s %s%n", k, number(v))));
        return out.toString();
    }

    /** One progress line. */
    public static String progressLine(Command command, LoadStats.Progress p) {
        String line = String.format(Locale.ROOT, "%-7s %7.1f s  %,12d msgs  %,10.0f msg/s  errors %,d", command.cliName(),
                p.elapsedSeconds(), p.messages(), p.intervalRate(), p.errors());
        if (p.intervalLatency().count() > 0) {
            line += "  " + latencyText(p.intervalLatency());
        }
        return line;
    }

    private static String latencyText(LatencySummary l) {
        return String.format(Locale.ROOT, "ms p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f", l.p50Ms(), l.p99Ms(),
                l.p999Ms(), l.maxMs());
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        string(out, name).append(':');
        return value == null ? out.append("null") : string(out, value);
    }

    private static StringBuilder field(StringBuilder out, String name, long value) {
        return string(out, name).append(':').append(value);
    }

    private static StringBuilder field(StringBuilder out, String name, double value) {
        string(out, name).append(':');
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return out.append("null");
        }
        return out.append(String.format(Locale.ROOT, "%.3f", value));
    }

    private static StringBuilder string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
