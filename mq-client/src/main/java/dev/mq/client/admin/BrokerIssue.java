package dev.mq.client.admin;

import java.util.Objects;

/**
 * Why part of an answer is missing: one broker (or name server) could not give its share of a
 * result gathered from several. Results that combine brokers carry a list of these next to what the
 * other brokers answered, so a console can show the data it has and say what is missing, instead of
 * failing the whole page or inventing numbers.
 *
 * @param broker    the broker name (or "name server"), never null
 * @param address   {@code host:port} asked, or null when no address was known
 * @param operation what was asked, e.g. "GET_CONSUME_STATS of group orders-cg"
 * @param kind      what went wrong
 * @param detail    the broker's remark or the client's reason, for people
 */
public record BrokerIssue(String broker, String address, String operation, Kind kind, String detail) {

    /** What went wrong. */
    public enum Kind {
        /**
         * The broker does not know the request (REQUEST_CODE_NOT_SUPPORTED): the capability is
         * unavailable on it, for example an Apache-only request sent to an older server.
         */
        NOT_SUPPORTED,
        /** The broker answered with an error code. */
        REFUSED,
        /** No answer: no connection, a closed connection, or a timeout. */
        UNREACHABLE,
        /** The answer arrived but could not be read. */
        UNREADABLE
    }

    /** Checks the required parts. */
    public BrokerIssue {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
    }

    /** One line for logs and tool tips: "broker-a (127.0.0.1:10911): GET_CONSUME_STATS ... not supported: ...". */
    @Override
    public String toString() {
        return broker + (address == null ? "" : " (" + address + ")") + ": " + operation + " "
                + kind.name().toLowerCase().replace('_', ' ') + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }
}
