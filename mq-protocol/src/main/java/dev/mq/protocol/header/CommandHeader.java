package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

/**
 * A typed custom header: the {@linkplain RemotingCommand#extFields() ext fields} of one kind of
 * request or response, under the field names Apache RocketMQ peers use
 * ({@code remoting-protocol.md} sections 2 and 3).
 *
 * <p>Each implementation is a record with a static {@code read(RemotingCommand)} that parses the
 * fields out of a received command and {@link #writeTo(RemotingCommand)} that puts them into a
 * command to be sent, so that a header read back from what was written equals the original.
 */
public interface CommandHeader {

    /**
     * Writes this header's fields into {@code command} as ext fields (decimal text for numbers,
     * {@code true}/{@code false} for booleans). Null components are not written: an absent field is
     * how the protocol says null. Fields already in the command under other names are left alone.
     */
    void writeTo(RemotingCommand command);
}
