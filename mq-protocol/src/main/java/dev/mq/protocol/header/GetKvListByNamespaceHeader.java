package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.NAMESPACE;

/**
 * The header of GET_KVLIST_BY_NAMESPACE (219, admin to name server): every key/value configuration
 * entry of a namespace ({@code remoting-protocol.md} section 3.10). The answer is a KVTable body.
 *
 * @param namespace {@code namespace}, R: the namespace, such as {@code ORDER_TOPIC_CONFIG}
 */
public record GetKvListByNamespaceHeader(String namespace) implements CommandHeader {

    /** Reads the header of a GET_KVLIST_BY_NAMESPACE request. */
    public static GetKvListByNamespaceHeader read(RemotingCommand request) {
        return new GetKvListByNamespaceHeader(request.requireExt(NAMESPACE));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(NAMESPACE, namespace);
    }
}
