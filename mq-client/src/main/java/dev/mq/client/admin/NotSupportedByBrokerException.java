package dev.mq.client.admin;

import dev.mq.client.MqBrokerException;

/**
 * A broker (or name server) answered REQUEST_CODE_NOT_SUPPORTED: it does not offer this operation.
 * Thrown by admin calls that ask one broker for something only it can answer (its configuration,
 * dead letters on a broker without the dev.mq extension requests...). Calls that gather from several
 * brokers report the same situation as a {@link BrokerIssue} of kind
 * {@link BrokerIssue.Kind#NOT_SUPPORTED} instead.
 */
public class NotSupportedByBrokerException extends MqBrokerException {

    private static final long serialVersionUID = 1L;

    /** REQUEST_CODE_NOT_SUPPORTED. */
    public static final int RESPONSE_CODE = 3;

    private final String brokerName;
    private final String operation;

    /**
     * Creates the exception.
     *
     * @param brokerName the broker's name ("name server" for a name server)
     * @param address    {@code host:port} that answered
     * @param operation  what was asked, e.g. "LIST_DEAD_LETTERS (10001) of group orders-cg"
     * @param remark     the broker's remark, or null
     */
    public NotSupportedByBrokerException(String brokerName, String address, String operation, String remark) {
        super(operation + " is not supported by " + brokerName + " (" + address + ")"
                + (remark == null || remark.isBlank() ? "" : ": " + remark.trim()), RESPONSE_CODE, remark, address);
        this.brokerName = brokerName;
        this.operation = operation;
    }

    /** The broker that does not support the operation. */
    public String brokerName() {
        return brokerName;
    }

    /** The operation, as in the message. */
    public String operation() {
        return operation;
    }
}
