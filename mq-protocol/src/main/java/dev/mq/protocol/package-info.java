/**
 * The Apache RocketMQ "remoting" wire protocol and its Netty transport.
 *
 * <p>{@link dev.mq.protocol.RemotingCommand} is one frame's content; {@link dev.mq.protocol.RemotingCommandCodec}
 * turns it into bytes and back (JSON or ROCKETMQ binary header, see {@code remoting-protocol.md} section 1);
 * {@link dev.mq.protocol.FrameDecoder} and {@link dev.mq.protocol.FrameEncoder} put that codec into a Netty
 * pipeline; {@link dev.mq.protocol.RemotingServer} and {@link dev.mq.protocol.RemotingClient} carry
 * requests and responses, correlated by {@code opaque}, in both directions over one connection.
 *
 * <p>This package depends on Netty and Jackson core only: no Spring and no other project module.
 */
package dev.mq.protocol;
