package dev.mq.client;

/**
 * A broker or name server answered with an error: the request arrived and was refused. Carries the
 * response code (the values of {@code dev.mq.protocol.ResponseCode}, e.g. 13 MESSAGE_ILLEGAL), the
 * server's remark and the address that answered.
 */
public class MqBrokerException extends MqException {

    private static final long serialVersionUID = 1L;

    private final int responseCode;
    private final String remark;
    private final String brokerAddress;

    /**
     * Creates the exception.
     *
     * @param message       what the client was doing and what went wrong
     * @param responseCode  the response code the server sent
     * @param remark        the server's remark, or null
     * @param brokerAddress {@code host:port} of the server that answered
     */
    public MqBrokerException(String message, int responseCode, String remark, String brokerAddress) {
        super(message);
        this.responseCode = responseCode;
        this.remark = remark;
        this.brokerAddress = brokerAddress;
    }

    /** The response code the server sent (never 0, SUCCESS). */
    public int responseCode() {
        return responseCode;
    }

    /** The server's remark (its reason in words), or null when it gave none. */
    public String remark() {
        return remark;
    }

    /** {@code host:port} of the broker or name server that answered. */
    public String brokerAddress() {
        return brokerAddress;
    }
}
