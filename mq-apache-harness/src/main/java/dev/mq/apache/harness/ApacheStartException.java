package dev.mq.apache.harness;

import java.util.OptionalInt;

/**
 * An Apache RocketMQ name server or broker did not become ready: its JVM exited during start, or it
 * did not answer (name server) or register (broker) within the start timeout. The message names the
 * process, its exit code if it exited, what the readiness probe saw last, and the last lines of the
 * process' console log (standard output and error, where Apache prints configuration errors and
 * start failures). Processes the failed start had begun are stopped before this is thrown.
 */
public final class ApacheStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Integer exitCode;

    ApacheStartException(String message, Integer exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code of the process that failed, or empty if it was still running (a timeout). */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }
}
