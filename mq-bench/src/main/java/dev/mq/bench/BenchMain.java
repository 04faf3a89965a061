package dev.mq.bench;

import dev.mq.bench.ceiling.NullBrokerCommand;
import dev.mq.bench.ceiling.SyncRoundTripCeiling;
import dev.mq.bench.load.LoadTool;
import dev.mq.bench.scale.ScaleCommand;
import dev.mq.bench.store.ManyQueuesCommand;

import java.util.Arrays;

/**
 * Entry point of {@code mq-bench.jar}: {@code produce}, {@code consume}, {@code e2e} and {@code ready}
 * go to the broker load tool, {@code null-broker} starts the {@link dev.mq.bench.ceiling.NullBroker}, {@code sync-ceiling}
 * measures the least CPU a synchronous send costs a client, {@code store-many-queues} runs {@link ManyQueuesCommand},
 * {@code scale} creates many topics and groups and times route queries ({@link ScaleCommand}),
 * everything else (JMH options, benchmark patterns, nothing at all)
 * goes to JMH, so {@code java -jar mq-bench.jar AppendBenchmark} works as before.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(NullBrokerCommand.NAME)) {
            System.exit(NullBrokerCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals(SyncRoundTripCeiling.NAME)) {
            System.exit(SyncRoundTripCeiling.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals(ManyQueuesCommand.NAME)) {
            System.exit(ManyQueuesCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals(ScaleCommand.NAME)) {
            System.exit(ScaleCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && LoadTool.handles(args[0])) {
            System.exit(LoadTool.run(args[0], Arrays.copyOfRange(args, 1, args.length)));
        }
        org.openjdk.jmh.Main.main(args);
    }
}
