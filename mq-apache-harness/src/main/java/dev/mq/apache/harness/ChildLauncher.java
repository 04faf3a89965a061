package dev.mq.apache.harness;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Main class of every child JVM the harness starts; not API. It runs Apache's main class (the first
 * argument, given the remaining arguments) unchanged, after starting one daemon thread that reads
 * standard input until it ends.
 *
 * <p>The harness keeps each child's standard input open as a pipe and never writes to it, so that
 * input ends only when the harness' JVM is gone. A harness JVM that exits normally stops its children
 * itself (see {@link ApacheRocketMq#close()} and its shutdown hook); one that is killed outright
 * cannot, and then this thread halts the child at once. So no name server or broker outlives the
 * test run that started it.
 */
public final class ChildLauncher {

    /** Exit code of a child that ended because the harness' JVM was gone. */
    public static final int PARENT_GONE_EXIT_CODE = 97;

    private ChildLauncher() {
    }

    /**
     * Starts the parent watch and runs {@code args[0]}'s {@code main} with the other arguments.
     *
     * @param args Apache's main class, then its arguments
     * @throws Throwable whatever Apache's main method throws
     */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ChildLauncher <main class> [arguments]");
        }
        Thread watch = new Thread(ChildLauncher::haltWhenInputEnds, "mq-harness-parent-watch");
        watch.setDaemon(true);
        watch.start();
        try {
            Class.forName(args[0])
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void haltWhenInputEnds() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the harness writes nothing; anything that arrives anyway is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as its end
        }
        System.err.println("mq-apache-harness: the JVM that started this process is gone; halting");
        Runtime.getRuntime().halt(PARENT_GONE_EXIT_CODE);
    }
}
