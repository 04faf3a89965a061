package dev.mq.client.internal.admin;

import dev.mq.client.MqClientException;
import dev.mq.client.MqException;
import dev.mq.client.admin.BrokerIssue;
import dev.mq.client.internal.Invoker;

/**
 * An admin request to one broker that gave no usable answer: carries both forms of the failure, the
 * {@link BrokerIssue} that results gathered from several brokers list, and the public exception that
 * calls asking one broker throw. Internal: never reaches callers.
 */
final class CallFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient BrokerIssue issue;
    private final MqException exception;

    CallFailed(BrokerIssue issue, MqException exception) {
        super(exception.getMessage(), exception, false, false);
        this.issue = issue;
        this.exception = exception;
    }

    BrokerIssue issue() {
        return issue;
    }

    MqException exception() {
        return exception;
    }

    /**
     * The issue of any failure of a gathered part: a {@link CallFailed}'s own, otherwise one for
     * {@code target} and {@code operation} describing the throwable.
     */
    static BrokerIssue issueOf(Throwable error, String broker, String address, String operation) {
        Throwable cause = Invoker.unwrap(error);
        if (cause instanceof CallFailed failed) {
            return failed.issue();
        }
        BrokerIssue.Kind kind = cause instanceof MqException ? BrokerIssue.Kind.UNREACHABLE : BrokerIssue.Kind.UNREADABLE;
        return new BrokerIssue(broker, address, operation, kind, String.valueOf(cause.getMessage()));
    }

    /** The public exception of any failure: a {@link CallFailed}'s, an {@link MqException}, or one wrapping it. */
    static MqException toPublic(Throwable error) {
        Throwable cause = Invoker.unwrap(error);
        if (cause instanceof CallFailed failed) {
            return failed.exception();
        }
        if (cause instanceof MqException mq) {
            return mq;
        }
        return new MqClientException("admin call failed: " + cause, cause);
    }
}
