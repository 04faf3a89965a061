package dev.mq.bench.load;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The client library a load runs on ({@code --client}): it makes the load's {@link Sender} and
 * {@link Receiver}, each configured as {@link LoadOptions} say (name server, group, topic) and
 * otherwise with the library's defaults.
 */
interface LoadClient {

    /**
     * A started producer of {@code --group}.
     *
     * @param instance a client instance name of its own, so that it shares no connection with the
     *                 other side of an e2e run
     */
    Sender sender(String instance) throws Exception;

    /**
     * A push consumer of {@code --group} on {@code --topic}, ready to {@link Receiver#start start}.
     *
     * @param threads   listener threads
     * @param fromFirst whether a queue without a committed offset starts at its first message (else its last)
     */
    Receiver receiver(String instance, int threads, boolean fromFirst, Receiver.Listener listener);

    /** A short name of a failure for the error counts: exception class, response code, root cause class. */
    String errorKind(Throwable error);

    /** The library behind {@code kind}. */
    static LoadClient of(ClientKind kind, LoadOptions options) {
        return switch (kind) {
            case OFFICIAL -> new OfficialClient(options);
            case OURS -> new OurClient(options);
            case SPRING -> new SpringClient(options);
        };
    }

    /**
     * {@code error} (unwrapped from a future's wrapper) as {@code Class(code n)/RootCauseClass}: the
     * code when the broker refused ({@code responseCode} not null), the root cause when there is one.
     */
    static String errorKind(Throwable error, Integer responseCode) {
        Throwable e = unwrap(error);
        String kind = e.getClass().getSimpleName() + (responseCode == null ? "" : "(code " + responseCode + ")");
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? kind : kind + "/" + cause.getClass().getSimpleName();
    }

    /** The exception a future failed with, without the wrapper the future added. */
    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
