/**
 * Typed custom headers of the remoting protocol: one record per header shape, each a
 * {@link dev.mq.protocol.header.CommandHeader} with a static {@code read(RemotingCommand)}.
 *
 * <p>Conventions shared by every record here:
 * <ul>
 *   <li>Field names are Apache RocketMQ's ({@code remoting-protocol.md} sections 2-3, and
 *       {@code docs/admin-extensions.md} for this platform's own requests). Each record keeps its
 *       names in private constants, one place per name.</li>
 *   <li>{@code read} checks exactly what our server requires today: a required field ("R" in the
 *       component's Javadoc) that is missing or not a number fails with a
 *       {@link dev.mq.protocol.RemotingCommandException} naming the field and the code. An
 *       optional field ("o") reads as {@code null} when absent, unless the server applies a default
 *       today; then {@code read} applies the same default and the Javadoc says so. Where our server
 *       is more lenient than Apache's protocol (it treats a field the protocol calls required as
 *       optional), {@code read} follows our server and the Javadoc says "R in the protocol".</li>
 *   <li>Fields our server ignores but Apache brokers expect from a client (for example the pull
 *       {@code subVersion}) are components too, so that a client can send the same record to
 *       either broker.</li>
 *   <li>{@code writeTo} writes every non-null component; primitive components are always written.</li>
 * </ul>
 *
 * <p>The send and pull headers are read for every message: their {@code read} allocates nothing
 * beyond the record and the boxed numbers the command's accessors return.
 */
package dev.mq.protocol.header;
