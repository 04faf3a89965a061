package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.KEY;
import static dev.mq.protocol.header.ExtFields.NAMESPACE;

/**
 * The header of GET_KV_CONFIG (101, admin to name server): one key/value configuration entry
 * ({@code remoting-protocol.md} section 2.1). Our name server keeps no entries and answers
 * QUERY_NOT_FOUND (22), naming both fields in the remark.
 *
 * @param namespace {@code namespace}, o (sent always by Apache's tools; our name server does not
 *                  require it): the entry's namespace, or null
 * @param key       {@code key}, o (as {@code namespace}): the entry's key, or null
 */
public record GetKvConfigHeader(String namespace, String key) implements CommandHeader {

    /** Reads the header of a GET_KV_CONFIG request. */
    public static GetKvConfigHeader read(RemotingCommand request) {
        return new GetKvConfigHeader(request.ext(NAMESPACE), request.ext(KEY));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(NAMESPACE, namespace).putExt(KEY, key);
    }
}
