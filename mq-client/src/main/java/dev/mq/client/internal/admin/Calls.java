package dev.mq.client.internal.admin;

import dev.mq.client.MqBrokerException;
import dev.mq.client.MqClientException;
import dev.mq.client.MqException;
import dev.mq.client.admin.BrokerIssue;
import dev.mq.client.admin.NotSupportedByBrokerException;
import dev.mq.client.internal.Codes;
import dev.mq.client.internal.Invoker;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.CommandHeader;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Sends admin requests and turns every outcome that is not a usable answer into a
 * {@link CallFailed} naming the broker, its address and the operation: no answer (UNREACHABLE),
 * REQUEST_CODE_NOT_SUPPORTED (NOT_SUPPORTED, as {@link NotSupportedByBrokerException}), another
 * error code (REFUSED, as {@link MqBrokerException}), or a body that cannot be read (UNREADABLE).
 *
 * <p>Futures complete on network I/O threads; readers passed in must be quick and never block.
 * Thread-safe.
 */
final class Calls {

    private final Invoker invoker;
    private final List<String> namesrvAddresses;
    private final Duration timeout;

    Calls(Invoker invoker, List<String> namesrvAddresses, Duration timeout) {
        this.invoker = invoker;
        this.namesrvAddresses = List.copyOf(namesrvAddresses);
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    List<String> namesrvAddresses() {
        return namesrvAddresses;
    }

    /** The operation's name in messages: "GET_CONSUME_STATS of group g". */
    static String operation(int code, String subject) {
        String named = Codes.request(code); // "208 GET_CONSUME_STATS"
        int space = named.indexOf(' ');
        String name = space < 0 ? named : named.substring(space + 1);
        return subject == null || subject.isEmpty() ? name : name + " " + subject;
    }

    /** Asks a broker; completes with the answer read by {@code reader} when the code is SUCCESS. */
    <T> CompletableFuture<T> ask(Target target, int code, CommandHeader header, byte[] body, String subject,
                                 Function<RemotingCommand, T> reader) {
        return ask(target, code, header, body, subject, c -> c == ResponseCode.SUCCESS, reader);
    }

    /**
     * Asks a broker; completes with the answer read by {@code reader} when {@code accepted} takes its
     * code (the reader then looks at the code itself).
     */
    <T> CompletableFuture<T> ask(Target target, int code, CommandHeader header, byte[] body, String subject,
                                 IntPredicate accepted, Function<RemotingCommand, T> reader) {
        String operation = operation(code, subject);
        RemotingCommand request = Invoker.request(code, header, body);
        CompletableFuture<RemotingCommand> sent;
        try {
            sent = invoker.invoke(target.address(), request, timeout, operation + " at " + target.broker());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            if (error != null) {
                throw unreachable(target, operation, error);
            }
            return read(target, operation, response, accepted, reader);
        });
    }

    /** Asks the name servers (the next one when one is unreachable); as {@link #ask}. */
    <T> CompletableFuture<T> askNamesrv(int code, CommandHeader header, String subject, IntPredicate accepted,
                                        Function<RemotingCommand, T> reader) {
        String operation = operation(code, subject);
        RemotingCommand request = Invoker.request(code, header, null);
        return invoker.invokeNamesrv(request, timeout, operation).handle((response, error) -> {
            Target target = new Target(Target.NAME_SERVER, String.join(";", namesrvAddresses));
            if (error != null) {
                throw unreachable(target, operation, error);
            }
            return read(target, operation, response, accepted, reader);
        });
    }

    /** Asks the name servers, insisting on SUCCESS. */
    <T> CompletableFuture<T> askNamesrv(int code, CommandHeader header, String subject,
                                        Function<RemotingCommand, T> reader) {
        return askNamesrv(code, header, subject, c -> c == ResponseCode.SUCCESS, reader);
    }

    private static <T> T read(Target target, String operation, RemotingCommand response, IntPredicate accepted,
                              Function<RemotingCommand, T> reader) {
        if (!accepted.test(response.code())) {
            throw refused(target, operation, response);
        }
        try {
            return reader.apply(response);
        } catch (CallFailed | CompletionException e) {
            throw e;
        } catch (RuntimeException e) {
            String detail = "cannot read the answer of " + target + " to " + operation + ": " + e.getMessage();
            throw new CompletionException(new CallFailed(new BrokerIssue(target.broker(), target.address(), operation,
                    BrokerIssue.Kind.UNREADABLE, e.getMessage()), new MqClientException(detail, e)));
        }
    }

    /** The failure for an error answer: NOT_SUPPORTED for code 3, REFUSED otherwise. */
    static CompletionException refused(Target target, String operation, RemotingCommand response) {
        String remark = response.remark();
        if (response.code() == ResponseCode.REQUEST_CODE_NOT_SUPPORTED) {
            NotSupportedByBrokerException exception = new NotSupportedByBrokerException(target.broker(),
                    target.address(), operation, remark);
            return new CompletionException(new CallFailed(new BrokerIssue(target.broker(), target.address(), operation,
                    BrokerIssue.Kind.NOT_SUPPORTED, remark == null ? null : remark.trim()), exception));
        }
        String text = Codes.response(response.code()) + (remark == null || remark.isBlank() ? "" : " (" + remark.trim() + ")");
        MqBrokerException exception = new MqBrokerException(target + " refused " + operation + ": " + text,
                response.code(), remark, target.address());
        return new CompletionException(new CallFailed(new BrokerIssue(target.broker(), target.address(), operation,
                BrokerIssue.Kind.REFUSED, text), exception));
    }

    private static CompletionException unreachable(Target target, String operation, Throwable error) {
        Throwable cause = Invoker.unwrap(error);
        if (cause instanceof CallFailed failed) {
            return new CompletionException(failed);
        }
        MqException exception = cause instanceof MqException mq ? mq
                : Invoker.translate(cause, operation, target.toString(), Duration.ZERO);
        return new CompletionException(new CallFailed(new BrokerIssue(target.broker(), target.address(), operation,
                BrokerIssue.Kind.UNREACHABLE, exception.getMessage()), exception));
    }
}
