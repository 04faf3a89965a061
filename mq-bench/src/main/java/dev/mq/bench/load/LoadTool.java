package dev.mq.bench.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The broker load tool: {@code produce}, {@code consume}, {@code e2e} and {@code ready}, driven by
 * the official Apache RocketMQ client or by ours ({@code --client}). Progress goes to standard
 * error, the result to standard output (text, or one JSON object with {@code --json}), with the
 * load tool's own CPU per message over the measured window (and the server's, with
 * {@code --server-pids}).
 */
public final class LoadTool {

    private LoadTool() {
    }

    /** Whether {@code word} is one of the load tool's commands. */
    public static boolean handles(String word) {
        return Command.fromCliName(word).isPresent();
    }

    /** Runs a command and returns the process exit code (0 success, 1 failed run, 2 bad options). */
    public static int run(String commandName, String[] args) {
        return run(commandName, args, System.out, System.err);
    }

    static int run(String commandName, String[] args, PrintStream out, PrintStream err) {
        Optional<Command> command = Command.fromCliName(commandName);
        if (command.isEmpty()) {
            err.println("unknown command '" + commandName + "'");
            err.print(usage());
            return 2;
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(usage());
            return 0;
        }
        String runId = Long.toString(ProcessHandle.current().pid()) + "_" + System.currentTimeMillis();
        LoadOptions options;
        try {
            options = new LoadOptionsParser(runId).parse(command.get(), args);
            for (long pid : options.serverPids()) {
                if (ProcessCpu.nanos(pid) < 0) {
                    throw new LoadOptionsException("--server-pids: cannot read the CPU time of process " + pid
                            + " (no such process, or no /proc)");
                }
            }
        } catch (LoadOptionsException e) {
            err.println("error: " + e.getMessage());
            err.println("run 'java -jar mq-bench.jar " + commandName + " --help' for the options");
            return 2;
        }
        keepClientLogsOutOfHome();
        try {
            if (options.command() == Command.READY) {
                return new ReadyProbe(options, out, err).run();
            }
            String instance = "mq-bench-" + runId;
            LoadResult result = switch (options.command()) {
                case PRODUCE -> new ProduceLoad(options, err, instance).run();
                case CONSUME -> new ConsumeLoad(options, err, instance).run();
                case E2E -> new E2eLoad(options, err, instance).run();
                case READY -> throw new IllegalStateException("handled above");
            };
            out.println(options.json() ? ResultFormat.json(result) : ResultFormat.text(result));
            out.flush();
            return result.messages() > 0 ? 0 : 1;
        } catch (Exception e) {
            err.println(options.command().cliName() + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** The client writes its log under ~/logs/rocketmqlogs unless told otherwise. */
    private static void keepClientLogsOutOfHome() {
        String dir = Path.of(System.getProperty("java.io.tmpdir"), "mq-bench-client-logs").toString();
        if (System.getProperty("rocketmq.log.root") == null) {
            System.setProperty("rocketmq.log.root", dir);
        }
        if (System.getProperty("rocketmq.client.logRoot") == null) {
            System.setProperty("rocketmq.client.logRoot", dir);
        }
    }

    static String usage() {
        return """
                usage: java -jar mq-bench.jar produce|consume|e2e|ready [options]
                       java -jar mq-bench.jar [JMH options] [benchmark regex]     (JMH benchmarks)

                commands:
                  produce   send with --threads threads until --duration or --count; send latency
                  consume   push consumer of a new group drains --topic; consumption rate
                  e2e       send at --rate while a push consumer receives; latency = receive - send time
                  ready     wait until --broker accepts connections and the name server returns a route
                            of --topic (default TBW102); print when (compare.sh measures start times with it)
                  (null-broker, a separate command: a name server and broker that answer sends at once,
                            store nothing and serve a virtual backlog to pulls, to measure this tool's
                            own ceiling; null-broker --help)

                options (defaults in brackets):
                  --client ours|official|spring  the client library that makes the load: ours (mq-client),
                                         the official Apache RocketMQ client 5.5.0 [official], or (consume
                                         only) spring: an @MqListener of mq-spring-boot-starter in a minimal
                                         Spring Boot application in this process
                  --idempotency none|memory|jdbc|redis|floor  spring: whether the listener is idempotent,
                                         and on which store [none]; floor: no store, the least memory
                                         work an in-memory store must do (the ceiling of memory)
                  --jdbc-url url         spring, jdbc: PostgreSQL [jdbc:postgresql://127.0.0.1:5432/mq_test]
                  --jdbc-user name, --jdbc-password text  spring, jdbc: its credentials [mq, mq]
                  --redis-host host, --redis-port port  spring, redis: redis-server [127.0.0.1, 6379]
                  --namesrv host:port[;host:port]  name server [127.0.0.1:9876]
                  --topic name           topic [BenchTopic]
                  --group name           producer/consumer group [mq_bench_<command>_<pid>_<time>]
                  --size bytes           message body size [1024]
                  --threads n            producer threads (consume: consumer threads) [produce 8, e2e 4, consume 20]
                  --mode sync|async|batch|oneway  how producers send [sync]; oneway needs --rate
                  --batch-size n         messages per batch in batch mode [16]
                  --inflight n           outstanding sends per thread in async mode [64]
                  --duration time        run time after the warm-up, e.g. 30s, 2m [produce and e2e 60s
                                         unless --count; consume: until --count or idle]
                  --count n              messages to send or receive after the warm-up [no limit]
                  --rate n               total messages per second [produce unlimited, e2e 1000]
                  --warmup time          not counted at the start [0]
                  --report-interval time progress line interval [5s]
                  --idle-timeout time    consume: stop after no message for this long; e2e: wait for the
                                         last messages at most this long [10s]
                  --from-last            consume: a new group starts at the end of the queues
                  --broker host:port     ready: the broker to wait for
                  --timeout time         ready: give up after this long [120s]
                  --server-pids pid[,pid]  also report the CPU of these processes (the server's) over the
                                         measured window, beside this tool's own
                  --json                 print the result as one JSON object (progress stays on stderr)

                CPU: cpuMicrosPerMessage and cpuCores are this whole process's CPU time (/proc, every
                thread) over the measured window (after start-up and --warmup; consume: from the first
                message), per message counted in it and per second; serverCpu... the same for
                --server-pids.
                """;
    }
}
